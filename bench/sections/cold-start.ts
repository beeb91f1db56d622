/**
 * Cold start: from spawning the server process to the first successful tools/list by a real MCP
 * client (initialize, initialized, tools/list), against `node -e 0` as the floor. The client
 * starts once /readyz answers (polled every 5 ms), which splits start-up from the first requests.
 * The server starts as it does in production: without the benchmark's memory probe and its IPC
 * channel (their ESM loader work and channel set-up are not the product's), its CPU time read from
 * /proc. The built entry compiles its scripts with V8's code cache (src/boot.ts): the first start
 * after a build has the cache the build wrote (what a start runs) and, stopped gracefully, adds what
 * its requests ran; the rounds then time starts with the cache and, interleaved, starts with it
 * turned off (`JUMPCLOUD_MCP_COMPILE_CACHE=off`).
 */
import { openSession } from '../mcp.js';
import { runCommand } from '../runtime.js';
import type { Runtime } from '../runtime.js';
import type { RunningSandbox } from '../services.js';
import { startServerProcess } from '../services.js';
import { waitUntil } from '../processes.js';

export interface ColdStart {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median time to the first 200 from /readyz (process up, modules loaded, listening). */
  readyMedianMs: number;
  /** `node -e 0`, median: what any Node process costs before our code runs. */
  nodeFloorMs: number;
  /** The first start after the build: the build's code cache, to which it adds its requests'. */
  firstStartMs: number;
  /** Starts with the code cache turned off: median to the first tools/list, and to /readyz. */
  uncachedMedianMs: number;
  uncachedReadyMedianMs: number;
}

/** What turns the built entry's code cache off (src/boot.ts). */
export const NO_COMPILE_CACHE = { JUMPCLOUD_MCP_COMPILE_CACHE: 'off' } as const;

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
};

/** One cold start of the server `runtime` names: spawn to /readyz, then to the first tools/list. */
export async function coldStartOnce({
  runtime,
  sandbox,
  env,
  graceful = false,
}: {
  runtime: Runtime;
  sandbox: RunningSandbox;
  env?: Record<string, string>;
  /** Stop with SIGTERM and wait for the exit (the code cache is written then), not SIGKILL. */
  graceful?: boolean;
}): Promise<{ readyMs: number; listMs: number; cpuMs: number }> {
  const started = performance.now();
  const server = await startServerProcess({
    runtime,
    sandboxUrl: sandbox.url,
    stateful: false,
    wait: false,
    probe: false,
    ...(env ? { env } : {}),
  });
  try {
    await waitUntil({
      child: server.child,
      what: 'cold start',
      timeoutMs: 30_000,
      check: async () => {
        const response = await fetch(`${server.origin}/readyz`);
        await response.arrayBuffer();
        return response.status === 200;
      },
    });
    const readyMs = performance.now() - started;
    const session = await openSession({ url: server.url, apiKey: sandbox.apiKey });
    const { tools } = await session.client.listTools();
    const listMs = performance.now() - started;
    // The server's CPU time so far: on a busy machine, steadier than the wall time.
    const cpuMs = (await server.child.cpuMicros()) / 1000;
    await session.close();
    if (tools.length === 0) throw new Error('cold start: tools/list returned no tools');
    return { readyMs, listMs, cpuMs };
  } finally {
    if (graceful) await server.child.stop(10_000);
    else await server.child.kill();
  }
}

/** `node -e 0`, wall milliseconds. */
export async function nodeFloorOnce(): Promise<number> {
  const result = await runCommand({
    command: process.execPath,
    args: ['-e', '0'],
    cwd: process.cwd(),
    timeoutMs: 10_000,
  });
  return result.ms;
}

export async function measureColdStart({
  runtime,
  sandbox,
  runs,
}: {
  runtime: Runtime;
  sandbox: RunningSandbox;
  runs: number;
}): Promise<ColdStart> {
  const first = await coldStartOnce({ runtime, sandbox, graceful: true });
  const floors: number[] = [];
  const times: number[] = [];
  const ready: number[] = [];
  const uncached: number[] = [];
  const uncachedReady: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    floors.push(await nodeFloorOnce());
    const cachedRun = await coldStartOnce({ runtime, sandbox });
    times.push(cachedRun.listMs);
    ready.push(cachedRun.readyMs);
    const uncachedRun = await coldStartOnce({ runtime, sandbox, env: NO_COMPILE_CACHE });
    uncached.push(uncachedRun.listMs);
    uncachedReady.push(uncachedRun.readyMs);
  }
  return {
    runs,
    readyMedianMs: median(ready),
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    nodeFloorMs: median(floors),
    firstStartMs: first.listMs,
    uncachedMedianMs: median(uncached),
    uncachedReadyMedianMs: median(uncachedReady),
  };
}
