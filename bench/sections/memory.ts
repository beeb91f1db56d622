/**
 * Memory: what each idle session costs (stateful mode, sessions opened by real SDK clients, which
 * keep their GET stream open), and whether a stateless server grows with the calls it has served.
 * Every figure is read inside the server after a full GC (bench/memory-probe.mjs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runLoad } from '../load.js';
import { mcpHeaders, openSession, toolsCallBody } from '../mcp.js';
import type { OpenSession } from '../mcp.js';
import type { Child } from '../processes.js';
import type { Runtime } from '../runtime.js';
import type { RunningSandbox } from '../services.js';
import { startServerProcess } from '../services.js';
import { startFloor } from './peers.js';

const KIB = 1024;
const MIB = 1024 * 1024;

export interface SessionMemory {
  sessions: number;
  rssMiBBefore: number;
  rssMiBAfter: number;
  /** Growth per 1,000 sessions, MiB. */
  rssMiBPer1000: number;
  heapMiBPer1000: number;
  /** Per session, KiB: JS heap and RSS, read 0.3 s after the last session opened. */
  heapKiBPerSession: number;
  rssKiBPerSession: number;
  /** The same after the sessions sat idle for `idleSeconds`. */
  idleSeconds: number;
  idleHeapKiBPerSession: number;
  idleRssKiBPerSession: number;
}

export interface LeakCheck {
  /** The server measured: this one, or the SDK's minimal server as the control. */
  server: 'jumpcloud-mcp' | 'sdk-floor';
  tool: string;
  /** Seconds each reading waited for RSS to settle (see settledMemory). */
  settleSecondsFirst: number;
  settleSecondsSecond: number;
  /** Calls served at the first and the second reading. */
  callsFirst: number;
  callsSecond: number;
  rssMiBFirst: number;
  rssMiBSecond: number;
  heapMiBFirst: number;
  heapMiBSecond: number;
  /** Heap growth per 1,000 calls between the two readings, KiB. */
  heapKiBPer1000Calls: number;
  rps: number;
}

async function pool<T>(count: number, width: number, make: () => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        next += 1;
        made.push(await make());
      }
    }),
  );
  return made;
}

export async function measureSessionMemory({
  runtime,
  sandbox,
  sessions,
  nodeFlags,
  settleMs = 0,
  idleMs = 15_000,
}: {
  runtime: Runtime;
  sandbox: RunningSandbox;
  sessions: number;
  /** Extra node flags for the server process. */
  nodeFlags?: readonly string[];
  /**
   * Idle time before each reading (default none: read right after the sessions open). V8's memory
   * reducer compacts the heap and returns pages a few seconds after allocation stops.
   */
  settleMs?: number;
  /**
   * How long the open sessions sit idle before the second reading. The first reading, just after
   * the burst of openings, still holds the young generation's pages grown for the burst and
   * part-used old-space pages that V8 compacts and returns once allocation stops; the second is
   * what an idle session costs a server that has settled.
   */
  idleMs?: number;
}): Promise<SessionMemory> {
  const server = await startServerProcess({
    runtime,
    sandboxUrl: sandbox.url,
    stateful: true,
    extraArgs: ['--session-cap', String(sessions * 2 + 10)],
    nodeFlags,
  });
  const open: OpenSession[] = [];
  try {
    // Warm the code paths a session uses, then close that session.
    const warm = await openSession({ url: server.url, apiKey: sandbox.apiKey });
    await warm.client.listTools();
    await warm.transport.terminateSession();
    await warm.close();
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const before = await server.child.memory();
    open.push(
      ...(await pool(sessions, 16, () => openSession({ url: server.url, apiKey: sandbox.apiKey }))),
    );
    if (open.some((session) => !session.sessionId)) throw new Error('a session got no id');
    await new Promise((resolve) => setTimeout(resolve, 300 + settleMs));
    const after = await server.child.memory();
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    const idle = await server.child.memory();
    const rss = after.rss - before.rss;
    const heap = after.heapUsed - before.heapUsed;
    return {
      sessions,
      rssMiBBefore: before.rss / MIB,
      rssMiBAfter: after.rss / MIB,
      rssMiBPer1000: (rss / sessions) * (1000 / MIB),
      heapMiBPer1000: (heap / sessions) * (1000 / MIB),
      heapKiBPerSession: heap / sessions / KIB,
      rssKiBPerSession: rss / sessions / KIB,
      idleSeconds: idleMs / 1000,
      idleHeapKiBPerSession: (idle.heapUsed - before.heapUsed) / sessions / KIB,
      idleRssKiBPerSession: (idle.rss - before.rss) / sessions / KIB,
    };
  } finally {
    await Promise.allSettled(open.map((session) => session.close()));
    await server.child.kill();
  }
}

/**
 * Memory once it has settled: readings (each after two full GCs and 1.5 s) repeated until two in a
 * row agree on RSS within 1%, for at most `maxMs`. Right after a load, RSS still holds the young
 * generation grown for it and pages V8's memory reducer returns a few seconds later; a single
 * reading moves by a few percent either way with that timing. Settled readings compare what the
 * process keeps. `maxMs` 0 takes one reading.
 */
export async function settledMemory(
  child: { memory(): Promise<NodeJS.MemoryUsage> },
  maxMs = 20_000,
): Promise<{ memory: NodeJS.MemoryUsage; seconds: number }> {
  const started = performance.now();
  let previous = await child.memory();
  if (maxMs <= 0) return { memory: previous, seconds: (performance.now() - started) / 1000 };
  for (;;) {
    const next = await child.memory();
    const settled = Math.abs(next.rss - previous.rss) <= 0.01 * previous.rss;
    if (settled || performance.now() - started >= maxMs)
      return { memory: next, seconds: (performance.now() - started) / 1000 };
    previous = next;
  }
}

export async function measureLeak({
  runtime,
  sandbox,
  firstCalls,
  totalCalls,
  maxSeconds,
  userId,
  settleMaxMs = 20_000,
  server: which = 'jumpcloud-mcp',
  root,
}: {
  runtime: Runtime;
  sandbox: RunningSandbox;
  firstCalls: number;
  totalCalls: number;
  /** Bound on the second phase; the figures name the calls actually served. */
  maxSeconds: number;
  userId: string;
  /** The longest each reading waits for RSS to settle. */
  settleMaxMs?: number;
  /**
   * `sdk-floor`: the SDK's minimal stateless server (bench/peers/sdk-floor.mjs) under the same
   * calls, the control that shows what Node, V8 and the allocator do with any such server.
   */
  server?: LeakCheck['server'];
  /** The project root (for `sdk-floor`). */
  root?: string;
}): Promise<LeakCheck> {
  let server: { child: Child; url: string };
  if (which === 'sdk-floor') {
    if (!root) throw new Error('measureLeak: the SDK floor needs the project root');
    // The floor lists tools from a file; only user_get is called here.
    const toolsFile = join(root, 'bench', '.tmp', 'leak-floor-tools.json');
    mkdirSync(dirname(toolsFile), { recursive: true });
    writeFileSync(toolsFile, '[]');
    server = await startFloor({ root, sandbox, toolsFile, usersFields: '' });
  } else {
    server = await startServerProcess({ runtime, sandboxUrl: sandbox.url, stateful: false });
  }
  try {
    const target = {
      url: server.url,
      method: 'POST' as const,
      headers: mcpHeaders({ apiKey: sandbox.apiKey }),
      body: toolsCallBody('user_get', { id: userId }),
    };
    const first = await runLoad({
      target,
      connections: 32,
      seconds: maxSeconds,
      maxRequests: firstCalls,
    });
    const s1 = await settledMemory(server.child, settleMaxMs);
    const m1 = s1.memory;
    const second = await runLoad({
      target,
      connections: 32,
      seconds: maxSeconds,
      maxRequests: totalCalls - first.requests,
    });
    const s2 = await settledMemory(server.child, settleMaxMs);
    const m2 = s2.memory;
    if (first.failures + second.failures > 0)
      throw new Error(`leak check: ${first.failures + second.failures} calls failed`);
    const callsSecond = first.requests + second.requests;
    return {
      server: which,
      tool: 'user_get',
      settleSecondsFirst: s1.seconds,
      settleSecondsSecond: s2.seconds,
      callsFirst: first.requests,
      callsSecond,
      rssMiBFirst: m1.rss / MIB,
      rssMiBSecond: m2.rss / MIB,
      heapMiBFirst: m1.heapUsed / MIB,
      heapMiBSecond: m2.heapUsed / MIB,
      heapKiBPer1000Calls:
        ((m2.heapUsed - m1.heapUsed) / KIB / Math.max(second.requests, 1)) * 1000,
      rps: second.rps,
    };
  } finally {
    await server.child.kill();
  }
}
