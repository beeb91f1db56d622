/**
 * Side by side, in one run, on the same sandbox: jumpcloud-mcp (stateless), a generic OpenAPI-to-MCP
 * proxy pointed at the V1 spec (@ivotoby/openapi-mcp-server, pinned in package.json), and the SDK's
 * own minimal stateless server serving the same tools (bench/peers/sdk-floor.mjs, the floor a
 * server built on the SDK cannot go below). Every server is driven by the same clients (the SDK's,
 * or lean ones: bench/lean-client.ts), in interleaved rounds, so a busy machine slows them alike;
 * read the ratios. A fourth server answers at once from recorded answers
 * (bench/peers/replay.mjs): the ceiling the clients themselves set.
 * A fifth, the bare proxy, answers the same after making jumpcloud-mcp's upstream request: the
 * most a Node server reaches with this upstream.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { openClientPool } from '../client-load.js';
import { openLeanClientPool } from '../lean-client.js';
import { traceCallParts } from '../critical-path.js';
import type { CallParts } from '../critical-path.js';
import type { ClientPool, ClientTarget } from '../client-load.js';
import type { LoadResult } from '../load.js';
import { runLoad } from '../load.js';
import { mcpHeaders, postJsonRpc, toolsCallBody, TOOLS_LIST_BODY } from '../mcp.js';
import type { Child } from '../processes.js';
import { freePort, spawnNode, waitUntil } from '../processes.js';
import type { Runtime } from '../runtime.js';
import type { RunningSandbox } from '../services.js';
import { startServerProcess } from '../services.js';

export type PeerName =
  'jumpcloud-mcp' | 'openapi-mcp-server' | 'sdk-floor' | 'client-ceiling' | 'bare-proxy';

export interface PeerCell {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU time per answered call, microseconds. */
  cpuUs: number;
  /**
   * The sandbox's CPU time per answered call, microseconds: the same upstream request behind every
   * server but the client ceiling (which makes none).
   */
  upstreamCpuUs?: number;
  /** The load generator's CPU time per answered call (its clients run in this process). */
  clientCpuUs?: number;
  requests: number;
  /** Mean size of the JSON-RPC result, bytes. */
  resultBytes: number;
}

export interface PeerRow {
  case: string;
  connections: number;
  servers: Partial<Record<PeerName, PeerCell>>;
  /** The same upstream request straight to the sandbox (autocannon), for scale. */
  direct?: { rps: number; p50Ms: number };
  /** jumpcloud-mcp calls per second / the peer's, and CPU per call / the SDK floor's. */
  rpsVsPeer?: number;
  cpuVsFloor?: number;
  /**
   * The client ceiling's calls per second / the peer's: the most any server could reach against
   * the peer through these clients. Below 1.5, the calls/s target cannot be met in this row.
   */
  ceilingVsPeer?: number;
  /**
   * The bare proxy's calls per second / the peer's: the most a Node server that makes the same
   * upstream request and answers the same result reaches against the peer.
   */
  bareVsPeer?: number;
  /**
   * At c=1, with `criticalPath`: each server's call split at its own system calls into its part
   * before the upstream request, the upstream's, its part after the answer, and the client's.
   */
  parts?: Partial<Record<PeerName, CallParts>>;
}

export interface PeersResult {
  rounds: number;
  rows: PeerRow[];
}

interface Served {
  name: PeerName;
  child: Child;
  url: string;
  headers: Record<string, string>;
  /** Tool name and arguments for each case on this server. */
  calls: Record<string, { tool?: string; args?: Record<string, unknown> }>;
}

async function json(url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
}

/** Calls a tool through jumpcloud-mcp and returns the one upstream request the sandbox saw. */
export async function upstreamOf({
  sandbox,
  url,
  tool,
  args,
}: {
  sandbox: RunningSandbox;
  url: string;
  tool: string;
  args: Record<string, unknown>;
}): Promise<SeenRequest> {
  await json(`${sandbox.url}/__sandbox/requests`, { method: 'DELETE' });
  const { message } = await postJsonRpc({
    url,
    headers: mcpHeaders({ apiKey: sandbox.apiKey }),
    body: toolsCallBody(tool, args),
  });
  const result = message.result as { isError?: boolean } | undefined;
  if (!result || result.isError)
    throw new Error(`${tool}: ${JSON.stringify(message).slice(0, 300)}`);
  const log = (await json(`${sandbox.url}/__sandbox/requests`)) as SeenRequest[];
  if (log.length !== 1) throw new Error(`${tool} made ${log.length} upstream calls, not 1`);
  return log[0]!;
}

/** The upstream request of one call through a server (driven by an SDK client), from the sandbox log. */
async function upstreamThrough({
  sandbox,
  target,
}: {
  sandbox: RunningSandbox;
  target: ClientTarget;
}): Promise<SeenRequest[]> {
  const pool = await openClientPool({ target, connections: 1 });
  try {
    await json(`${sandbox.url}/__sandbox/requests`, { method: 'DELETE' });
    await pool.run({ seconds: 30, maxRequests: 1 });
    return (await json(`${sandbox.url}/__sandbox/requests`)) as SeenRequest[];
  } finally {
    await pool.close();
  }
}

/** Method, path and query of an upstream request, with list values in one order and separator. */
function requestKey(request: SeenRequest): string {
  const query = Object.entries(request.query)
    .map(([key, value]) => {
      const items = [value]
        .flat()
        .flatMap((one) => one.split(/[ ,]+/))
        .sort();
      return `${key}=${items.join(',')}`;
    })
    .sort();
  return `${request.method} ${request.path}?${query.join('&')}`;
}

/**
 * The load generator's ceiling (bench/peers/replay.mjs), answering from recorded answers; with
 * `sandbox`, the bare proxy, which makes each call's upstream request first.
 */
export async function startReplay({
  root,
  answersFile,
  sandbox,
  nodeFlags,
}: {
  root: string;
  answersFile: string;
  sandbox?: RunningSandbox;
  /** Extra node flags (bench/on-path.ts: `--perf-basic-prof-only-functions`). */
  nodeFlags?: readonly string[];
}): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = spawnNode({
    nodeFlags,
    entry: join(root, 'bench', 'peers', 'replay.mjs'),
    args: [
      '--port',
      String(port),
      '--answers',
      answersFile,
      ...(sandbox ? ['--upstream', sandbox.url, '--key', sandbox.apiKey] : []),
    ],
    tsx: false,
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntil({
    child,
    what: sandbox ? 'bare proxy' : 'client ceiling server',
    timeoutMs: 30_000,
    check: async () => (await fetch(`${origin}/readyz`)).ok,
  });
  return { child, url: `${origin}/v1` };
}

export async function startFloor({
  root,
  sandbox,
  toolsFile,
  usersFields,
}: {
  root: string;
  sandbox: RunningSandbox;
  toolsFile: string;
  usersFields: string;
}): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = spawnNode({
    entry: join(root, 'bench', 'peers', 'sdk-floor.mjs'),
    args: [
      '--port',
      String(port),
      '--upstream',
      sandbox.url,
      '--tools',
      toolsFile,
      '--users-fields',
      usersFields,
    ],
    tsx: false,
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntil({
    child,
    what: 'SDK floor server',
    timeoutMs: 30_000,
    check: async () => (await fetch(`${origin}/readyz`)).ok,
  });
  return { child, url: `${origin}/v1` };
}

async function startPeer({
  root,
  sandbox,
}: {
  root: string;
  sandbox: RunningSandbox;
}): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = spawnNode({
    entry: join(root, 'node_modules', '@ivotoby', 'openapi-mcp-server', 'bin', 'mcp-server.js'),
    args: [
      '--api-base-url',
      `${sandbox.url}/api`,
      '--openapi-spec',
      join(root, 'specs', '.cache', 'jumpcloud-v1.yaml'),
      '--headers',
      `x-api-key:${sandbox.apiKey}`,
      '--transport',
      'http',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--path',
      '/mcp',
      '--verbose',
      'false',
    ],
    tsx: false,
  });
  const url = `http://127.0.0.1:${port}/mcp`;
  await waitUntil({
    child,
    what: 'openapi-mcp-server',
    timeoutMs: 60_000,
    check: async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: '{}',
      });
      await response.arrayBuffer();
      return response.status < 500;
    },
  });
  return { child, url };
}

/** `work`'s result; its failure names the server, case and step it came from. */
async function naming<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** CPU microseconds of a round: the server's, the sandbox's and the load generator's. */
interface RoundCpu {
  server: number;
  upstream: number;
  client: number;
}

function cell(result: LoadResult, cpu: RoundCpu): PeerCell {
  const perCall = (micros: number) => (result.requests > 0 ? micros / result.requests : Number.NaN);
  return {
    rps: result.rps,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    cpuUs: perCall(cpu.server),
    upstreamCpuUs: perCall(cpu.upstream),
    clientCpuUs: perCall(cpu.client),
    requests: result.requests,
    resultBytes: result.bytesPerResponse,
  };
}

/** Adds up the rounds of one server into one result. */
function merge(results: readonly LoadResult[]): LoadResult {
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
  const weighted = (pick: (r: LoadResult) => number) =>
    results.reduce((sum, r) => sum + pick(r) * r.requests, 0) / Math.max(1, requests);
  return {
    connections: results[0]?.connections ?? 0,
    requests,
    seconds,
    rps: requests / seconds,
    p50Ms: weighted((r) => r.p50Ms),
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    bytesPerResponse: weighted((r) => r.bytesPerResponse),
    failures: results.reduce((sum, r) => sum + r.failures, 0),
  };
}

export async function measurePeers({
  root,
  runtime,
  sandbox,
  seconds,
  rounds,
  maxRequests,
  warmupCalls,
  criticalPath = false,
  clients = 'sdk',
  log,
}: {
  root: string;
  runtime: Runtime;
  sandbox: RunningSandbox;
  /** Load seconds per server and case, split over `rounds`. */
  seconds: number;
  rounds: number;
  maxRequests: number;
  /**
   * Calls each server answers in each case before it is measured (at most 10 s of them): a
   * server's code is measured once V8 has compiled it, whatever its size, not while it warms up.
   */
  warmupCalls: number;
  /** After the rounds at c=1, trace each server's calls (bench/critical-path.ts; needs perf). */
  criticalPath?: boolean;
  /**
   * The clients that drive every server: the SDK's (what an MCP client runs), or lean Streamable
   * HTTP clients (bench/lean-client.ts), whose own work per call is a fraction of the SDK's.
   */
  clients?: 'sdk' | 'lean';
  log: (line: string) => void;
}): Promise<PeersResult> {
  const openPool = clients === 'lean' ? openLeanClientPool : openClientPool;
  const ours = await startServerProcess({ runtime, sandboxUrl: sandbox.url, stateful: false });
  const children: Child[] = [ours.child];
  const pools: ClientPool[] = [];
  try {
    const page = (await json(`${sandbox.url}/api/systemusers?limit=1`, {
      headers: { 'x-api-key': sandbox.apiKey, accept: 'application/json' },
    })) as { results: { _id: string }[] };
    const userId = page.results[0]?._id;
    if (!userId) throw new Error('the sandbox has no users');
    const cases: Record<string, Record<string, unknown>> = {
      user_get: { id: userId },
      users_list: { limit: 100 },
    };
    // The first request also checks the key with JumpCloud once; the calls below are then alone.
    const listed = await postJsonRpc({
      url: ours.url,
      headers: mcpHeaders({ apiKey: sandbox.apiKey }),
      body: TOOLS_LIST_BODY,
    });
    const seen: Record<string, SeenRequest> = {};
    for (const [tool, args] of Object.entries(cases))
      seen[tool] = await upstreamOf({ sandbox, url: ours.url, tool, args });
    const usersFields = [seen.users_list?.query.fields ?? ''].flat().join(',');

    const tmp = join(root, 'bench', '.tmp');
    mkdirSync(tmp, { recursive: true });
    const toolsFile = join(tmp, 'tools-list.json');
    writeFileSync(toolsFile, JSON.stringify((listed.message.result as { tools: unknown }).tools));

    const floor = await startFloor({ root, sandbox, toolsFile, usersFields });
    children.push(floor.child);
    // What jumpcloud-mcp answers, for the ceiling to answer at once.
    const calls: Record<string, unknown> = {};
    for (const [tool, args] of Object.entries(cases)) {
      const { message } = await postJsonRpc({
        url: ours.url,
        headers: mcpHeaders({ apiKey: sandbox.apiKey }),
        body: toolsCallBody(tool, args),
      });
      calls[tool] = message.result;
    }
    const answersFile = join(tmp, 'replay-answers.json');
    writeFileSync(
      answersFile,
      JSON.stringify({
        protocolVersion: LATEST_PROTOCOL_VERSION,
        tools: (listed.message.result as { tools: unknown }).tools,
        calls,
        upstream: seen,
      }),
    );
    const ceiling = await startReplay({ root, answersFile });
    children.push(ceiling.child);
    const bare = await startReplay({ root, answersFile, sandbox });
    children.push(bare.child);
    const peer = await startPeer({ root, sandbox });
    children.push(peer.child);

    const bearer = { authorization: `Bearer ${sandbox.apiKey}` };
    // The servers that serve this project's tool names are called alike.
    const sameCalls: Served['calls'] = {
      user_get: { tool: 'user_get', args: cases.user_get },
      users_list: { tool: 'users_list', args: cases.users_list },
      'tools/list': {},
    };
    const served: Served[] = [
      {
        name: 'jumpcloud-mcp',
        child: ours.child,
        url: ours.url,
        headers: bearer,
        calls: sameCalls,
      },
      {
        name: 'openapi-mcp-server',
        child: peer.child,
        url: peer.url,
        headers: {},
        calls: {
          user_get: { tool: 'systemusers-get', args: { id: userId } },
          users_list: {
            tool: 'search-systemusers-pst',
            args: {
              limit: 100,
              ...(usersFields ? { fields: usersFields.replace(/,/g, ' ') } : {}),
            },
          },
          'tools/list': {},
        },
      },
      {
        name: 'sdk-floor',
        child: floor.child,
        url: floor.url,
        headers: bearer,
        calls: sameCalls,
      },
      {
        name: 'client-ceiling',
        child: ceiling.child,
        url: ceiling.url,
        headers: bearer,
        calls: sameCalls,
      },
      {
        name: 'bare-proxy',
        child: bare.child,
        url: bare.url,
        headers: bearer,
        calls: sameCalls,
      },
    ];

    // Every server must make the upstream request jumpcloud-mcp makes, or the rows compare
    // different work.
    for (const server of served.slice(1)) {
      if (server.name === 'client-ceiling') continue;
      for (const [name, call] of Object.entries(server.calls)) {
        const mine = seen[name];
        if (!mine || call.tool === undefined) continue;
        const theirs = await upstreamThrough({
          sandbox,
          target: { url: server.url, headers: server.headers, ...call },
        });
        if (theirs.length !== 1 || requestKey(theirs[0]!) !== requestKey(mine)) {
          throw new Error(
            `${server.name} ${name} made ${theirs.map(requestKey).join(' + ') || 'no request'}, not ${requestKey(mine)}`,
          );
        }
      }
    }

    const rows: PeerRow[] = [];
    const plan: Array<[string, number]> = [
      ['user_get', 1],
      ['user_get', 32],
      ['users_list', 1],
      ['users_list', 32],
      ['tools/list', 32],
    ];
    for (const [name, connections] of plan) {
      const byServer = new Map<
        PeerName,
        { pool: ClientPool; results: LoadResult[]; cpu: RoundCpu }
      >();
      for (const server of served) {
        const call = server.calls[name]!;
        const target: ClientTarget = { url: server.url, headers: server.headers, ...call };
        const what = `${server.name} ${name} c=${connections}`;
        const pool = await naming(what, () => openPool({ target, connections }));
        pools.push(pool);
        // Warm-up, counted in calls: JIT, connection pools, the sandbox's caches.
        await naming(`${what} warm-up`, () => pool.run({ seconds: 10, maxRequests: warmupCalls }));
        byServer.set(server.name, {
          pool,
          results: [],
          cpu: { server: 0, upstream: 0, client: 0 },
        });
      }
      for (let round = 0; round < rounds; round += 1) {
        for (const server of served) {
          const entry = byServer.get(server.name)!;
          const serverCpu = await server.child.cpuMicros();
          const upstreamCpu = await sandbox.child.cpuMicros();
          const clientCpu = process.cpuUsage();
          entry.results.push(
            await naming(`${server.name} ${name} c=${connections} round ${round + 1}`, () =>
              entry.pool.run({ seconds: seconds / rounds, maxRequests: maxRequests / rounds }),
            ),
          );
          const client = process.cpuUsage(clientCpu);
          entry.cpu.client += client.user + client.system;
          entry.cpu.upstream += (await sandbox.child.cpuMicros()) - upstreamCpu;
          entry.cpu.server += (await server.child.cpuMicros()) - serverCpu;
        }
      }
      const row: PeerRow = { case: name, connections, servers: {} };
      if (criticalPath && connections === 1) {
        row.parts = {};
        for (const server of served) {
          if (server.name === 'client-ceiling') continue;
          const entry = byServer.get(server.name)!;
          const { parts } = await traceCallParts({
            pid: server.child.pid,
            port: Number(new URL(server.url).port),
            during: async (started) => {
              await started;
              return entry.pool.run({ seconds: seconds / rounds, maxRequests });
            },
          });
          row.parts[server.name] = parts;
          const ms = (value: number) => (value * 1000).toFixed(0);
          log(
            `    ${name} c=1 ${server.name} (${parts.calls} calls traced, medians in us): ` +
              `request ${ms(parts.requestMs)}, upstream ${ms(parts.upstreamMs)}, ` +
              `answer ${ms(parts.answerMs)}, client ${ms(parts.clientMs)}`,
          );
        }
      }
      for (const [serverName, entry] of byServer) {
        row.servers[serverName] = cell(merge(entry.results), entry.cpu);
        await entry.pool.close();
      }
      const request = seen[name];
      if (request) {
        const url = new URL(request.path, sandbox.url);
        for (const [key, value] of Object.entries(request.query))
          for (const one of [value].flat()) url.searchParams.append(key, one);
        const direct = await runLoad({
          target: {
            url: url.toString(),
            method: request.method as 'GET' | 'POST',
            headers: {
              'x-api-key': sandbox.apiKey,
              accept: 'application/json',
              'content-type': 'application/json',
            },
            ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
          },
          connections,
          seconds: seconds / rounds,
          maxRequests,
        });
        row.direct = { rps: direct.rps, p50Ms: direct.p50Ms };
      }
      const mine = row.servers['jumpcloud-mcp'];
      const theirs = row.servers['openapi-mcp-server'];
      const floorCell = row.servers['sdk-floor'];
      if (mine && theirs) row.rpsVsPeer = mine.rps / theirs.rps;
      if (mine && floorCell) row.cpuVsFloor = mine.cpuUs / floorCell.cpuUs;
      const ceilingCell = row.servers['client-ceiling'];
      if (ceilingCell && theirs) row.ceilingVsPeer = ceilingCell.rps / theirs.rps;
      const bareCell = row.servers['bare-proxy'];
      if (bareCell && theirs) row.bareVsPeer = bareCell.rps / theirs.rps;
      rows.push(row);
      log(
        `  ${name} c=${connections}: ` +
          served
            .map((s) => {
              const c = row.servers[s.name]!;
              const upstream =
                s.name === 'client-ceiling' ? '' : `, upstream ${c.upstreamCpuUs!.toFixed(0)}`;
              return `${s.name} ${c.rps.toFixed(0)}/s ${c.cpuUs.toFixed(0)} us (client ${c.clientCpuUs!.toFixed(0)}${upstream})`;
            })
            .join(', ') +
          (row.direct ? `, upstream alone ${row.direct.rps.toFixed(0)}/s` : '') +
          (row.rpsVsPeer ? `; x${row.rpsVsPeer.toFixed(2)} the peer's calls/s` : '') +
          (row.cpuVsFloor ? `, x${row.cpuVsFloor.toFixed(2)} the floor's CPU` : '') +
          (row.ceilingVsPeer ? `; client ceiling x${row.ceilingVsPeer.toFixed(2)} the peer` : '') +
          (row.bareVsPeer ? `, bare proxy x${row.bareVsPeer.toFixed(2)}` : ''),
      );
    }
    return { rounds, rows };
  } finally {
    await Promise.allSettled(pools.map((pool) => pool.close()));
    await Promise.allSettled(children.map((child) => child.kill()));
  }
}
