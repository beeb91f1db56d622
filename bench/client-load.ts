/**
 * Closed-loop load from real MCP clients: `connections` SDK clients, each connected once, each
 * calling the same tool again as soon as its previous call answered. Used where raw POSTs cannot
 * stand in for a client (a server that answers on its session's GET stream), so that every server
 * compared in one table is driven the same way.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { CLIENT_INFO } from './mcp.js';
import type { LoadResult } from './load.js';
import { percentile } from './load.js';

export interface ClientTarget {
  url: string;
  headers: Record<string, string>;
  /** `tools/list` when undefined. */
  tool?: string;
  args?: Record<string, unknown>;
}

export interface ClientPool {
  run(options: { seconds: number; maxRequests: number }): Promise<LoadResult>;
  close(): Promise<void>;
}

/**
 * The SDK's transport gives each of its requests the transport's one AbortSignal, and Node's fetch
 * adds a listener to that signal per request that goes only when the request is garbage-collected:
 * over thousands of calls the listeners pile up (Node warns past 1,500), and each call's cost in
 * the load generator grows with them, the same for every server measured. The load never cancels
 * a call, so its POSTs go without the signal; the transport's other requests (a GET stream it
 * closes by aborting) keep it.
 */
const postWithoutSignal: typeof fetch = (input, init) =>
  fetch(input, init?.method === 'POST' ? { ...init, signal: null } : init);

/**
 * Pings until one is answered. A server that answers on a session's GET stream only (the generic
 * proxy of section 7 answers every request after initialize there) drops an answer sent before it
 * has taken the stream in, and a client may send its first request before then: the SDK client
 * opens the stream after `initialized` without waiting for it, and the lean client cannot tell when
 * a stream whose head comes with its first event is in. A call sent then would wait out its
 * timeout. `ping(timeoutMs)` sends one ping; one that failed as `lost` says goes again after
 * `timeoutMs`, up to 10 times.
 */
export async function pingUntilAnswered(
  ping: (timeoutMs: number) => Promise<unknown>,
  lost: (error: unknown) => boolean = () => true,
): Promise<void> {
  const timeoutMs = 1_000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await ping(timeoutMs);
      return;
    } catch (error) {
      if (!lost(error) || attempt >= 10) throw error;
    }
  }
}

/** An SDK request that got no answer in its time. */
const timedOut = (error: unknown) =>
  error instanceof McpError && error.code === ErrorCode.RequestTimeout;

/** Connects `connections` clients to one server; `run` can then be called several times. */
export function openClientPool({
  target,
  connections,
}: {
  target: ClientTarget;
  connections: number;
}): Promise<ClientPool> {
  return connectPool({
    connections,
    connect: async () => {
      const transport = new StreamableHTTPClientTransport(new URL(target.url), {
        requestInit: { headers: target.headers },
        fetch: postWithoutSignal,
      });
      const client = new Client(CLIENT_INFO, { capabilities: {} });
      await client.connect(transport);
      await pingUntilAnswered((timeout) => client.ping({ timeout }), timedOut);
      return client;
    },
    call: async (client) => {
      if (target.tool === undefined) {
        await client.listTools();
        return 0;
      }
      const result = await client.callTool({ name: target.tool, arguments: target.args ?? {} });
      throwIfToolError(target.tool, result);
      return JSON.stringify(result).length;
    },
  });
}

/** A tool result the model would read as an error fails the call that got it. */
export function throwIfToolError(tool: string, result: object): void {
  const { isError, content } = result as { isError?: unknown; content?: { text?: string }[] };
  if (!isError) return;
  const first = content?.[0]?.text ?? '';
  throw new Error(`${tool} answered an error: ${first.slice(0, 200)}`);
}

/**
 * Connects `connections` clients, one after another, into a pool whose runs drive them with
 * runClosedLoop; closing the pool closes every client.
 */
export async function connectPool<C extends { close(): Promise<void> }>({
  connections,
  connect,
  call,
}: {
  connections: number;
  connect: () => Promise<C>;
  call: (client: C) => Promise<number>;
}): Promise<ClientPool> {
  const clients: C[] = [];
  for (let i = 0; i < connections; i += 1) clients.push(await connect());
  return {
    run: (options) => runClosedLoop({ clients, call, ...options }),
    close: async () => {
      await Promise.allSettled(clients.map((client) => client.close()));
    },
  };
}

/**
 * Each client calls again as soon as its previous call answered, until `seconds` pass or
 * `maxRequests` calls are made in all. `call` answers the size of the result it got. Once the run
 * has had more than 10 failures, a client that fails stops; a run whose every call failed throws
 * the first failure.
 */
export async function runClosedLoop<C>({
  clients,
  call,
  seconds,
  maxRequests,
}: {
  clients: readonly C[];
  call: (client: C) => Promise<number>;
  seconds: number;
  maxRequests: number;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let bytes = 0;
  let failures = 0;
  let firstFailure: unknown;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline && latencies.length < maxRequests) {
        const t0 = performance.now();
        try {
          // Read after the call: `bytes += await` would add to the total read before it, and
          // the clients' sums would overwrite each other.
          const size = await call(client);
          bytes += size;
          latencies.push(performance.now() - t0);
        } catch (error) {
          failures += 1;
          firstFailure ??= error;
          if (failures > 10) return;
        }
      }
    }),
  );
  if (failures > 0 && latencies.length === 0) throw firstFailure;
  const elapsed = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return {
    connections: clients.length,
    requests: latencies.length,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    bytesPerResponse: latencies.length > 0 ? bytes / latencies.length : 0,
    failures,
  };
}
