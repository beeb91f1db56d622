/**
 * tools/call overhead: the same upstream request made directly against the sandbox and through the
 * MCP server, side by side, at concurrency 1 and 32, in stateless and stateful mode.
 */
import type { LoadResult, LoadTarget } from '../load.js';
import { runLoad } from '../load.js';
import { mcpHeaders, openSession, postJsonRpc, TOOLS_LIST_BODY, toolsCallBody } from '../mcp.js';
import type { OpenSession } from '../mcp.js';
import type { Runtime } from '../runtime.js';
import type { RunningSandbox } from '../services.js';
import { startServerProcess } from '../services.js';

export interface OverheadRow {
  mode: 'stateless' | 'stateful';
  tool: string;
  connections: number;
  direct: LoadResult;
  mcp: LoadResult;
  /** Through-MCP requests per second / direct. */
  rpsRatio: number;
  addedP50Ms: number;
  addedP99Ms: number;
  /** CPU time per answered request, microseconds: the sandbox serving it directly... */
  directSandboxCpuUs: number;
  /** ...and, through MCP, the MCP server and the sandbox behind it. */
  mcpServerCpuUs: number;
  mcpSandboxCpuUs: number;
}

export interface OverheadResult {
  rows: OverheadRow[];
  /** The upstream request each tool call makes, as the sandbox recorded it (replayed directly). */
  upstream: Record<string, string>;
}

interface ToolCase {
  tool: string;
  args: Record<string, unknown>;
}

const SKIPPED_HEADERS = new Set(['host', 'connection', 'content-length', 'x-api-key']);

async function json(url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** Makes one call through MCP and returns the upstream request the sandbox saw, ready to replay. */
async function recordUpstream({
  sandbox,
  serverUrl,
  toolCase,
}: {
  sandbox: RunningSandbox;
  serverUrl: string;
  toolCase: ToolCase;
}): Promise<LoadTarget> {
  // The server checks a key with JumpCloud on its first request; that read is not the tool's.
  await postJsonRpc({
    url: serverUrl,
    headers: mcpHeaders({ apiKey: sandbox.apiKey }),
    body: TOOLS_LIST_BODY,
  });
  await json(`${sandbox.url}/__sandbox/requests`, { method: 'DELETE' });
  const { message } = await postJsonRpc({
    url: serverUrl,
    headers: mcpHeaders({ apiKey: sandbox.apiKey }),
    body: toolsCallBody(toolCase.tool, toolCase.args),
  });
  const result = message.result as { isError?: boolean; content?: { text?: string }[] };
  if (!result || result.isError)
    throw new Error(`${toolCase.tool} failed: ${JSON.stringify(message).slice(0, 300)}`);
  const log = (await json(`${sandbox.url}/__sandbox/requests`)) as {
    method: string;
    path: string;
    query: Record<string, string | string[]>;
    headers: Record<string, string | string[]>;
    body: unknown;
  }[];
  if (log.length !== 1)
    throw new Error(`${toolCase.tool} made ${log.length} upstream calls, not 1`);
  const seen = log[0]!;
  const url = new URL(seen.path, sandbox.url);
  for (const [name, value] of Object.entries(seen.query))
    for (const one of [value].flat()) url.searchParams.append(name, one);
  const headers: Record<string, string> = { 'x-api-key': sandbox.apiKey };
  for (const [name, value] of Object.entries(seen.headers))
    if (!SKIPPED_HEADERS.has(name)) headers[name] = [value].flat().join(', ');
  if (seen.method !== 'GET' && seen.method !== 'POST')
    throw new Error(`${toolCase.tool}: unexpected upstream method ${seen.method}`);
  return {
    url: url.toString(),
    method: seen.method as 'GET' | 'POST',
    headers,
    ...(seen.body === undefined ? {} : { body: JSON.stringify(seen.body) }),
  };
}

async function firstUserId(sandbox: RunningSandbox): Promise<string> {
  const page = (await json(`${sandbox.url}/api/systemusers?limit=1`, {
    headers: { 'x-api-key': sandbox.apiKey, accept: 'application/json' },
  })) as { results: { _id: string }[] };
  const id = page.results[0]?._id;
  if (!id) throw new Error('the sandbox has no users');
  return id;
}

export async function measureOverhead({
  runtime,
  sandbox,
  seconds,
  warmupSeconds,
  maxRequests,
  log,
}: {
  runtime: Runtime;
  sandbox: RunningSandbox;
  seconds: number;
  warmupSeconds: number;
  maxRequests: number;
  log: (line: string) => void;
}): Promise<OverheadResult> {
  const cases: ToolCase[] = [
    { tool: 'devices_list', args: { limit: 10 } },
    { tool: 'user_get', args: { id: await firstUserId(sandbox) } },
  ];
  const rows: OverheadRow[] = [];
  const upstream: Record<string, string> = {};
  const direct = new Map<string, LoadTarget>();
  for (const mode of ['stateless', 'stateful'] as const) {
    const stateful = mode === 'stateful';
    const server = await startServerProcess({ runtime, sandboxUrl: sandbox.url, stateful });
    const sessions: OpenSession[] = [];
    try {
      // The stateless pass records each tool's upstream request; the stateful pass replays it.
      if (!stateful) {
        for (const toolCase of cases) {
          const recorded = await recordUpstream({ sandbox, serverUrl: server.url, toolCase });
          upstream[toolCase.tool] =
            `${recorded.method} ${recorded.url.replace(sandbox.url, '')}${recorded.body ? ` ${recorded.body}` : ''}`;
          direct.set(toolCase.tool, recorded);
        }
      }
      if (stateful)
        for (let i = 0; i < 32; i += 1)
          sessions.push(await openSession({ url: server.url, apiKey: sandbox.apiKey }));
      const mcpTarget = (toolCase: ToolCase, session?: OpenSession): LoadTarget => ({
        url: server.url,
        method: 'POST',
        headers: mcpHeaders({
          apiKey: sandbox.apiKey,
          sessionId: session?.sessionId,
          protocolVersion: session?.protocolVersion,
        }),
        body: toolsCallBody(toolCase.tool, toolCase.args),
      });
      const load = (
        toolCase: ToolCase,
        connections: number,
        secs: number,
        via: 'direct' | 'mcp',
      ) =>
        via === 'direct'
          ? runLoad({
              target: direct.get(toolCase.tool)!,
              connections,
              seconds: secs,
              maxRequests,
            })
          : runLoad({
              ...(stateful
                ? {
                    perConnection: sessions
                      .slice(0, connections)
                      .map((s) => mcpTarget(toolCase, s)),
                  }
                : { target: mcpTarget(toolCase) }),
              connections,
              seconds: secs,
              maxRequests,
            });
      for (const toolCase of cases) {
        await load(toolCase, 8, warmupSeconds, 'direct');
        await load(toolCase, 8, warmupSeconds, 'mcp');
      }
      const cpu = async () => ({
        server: await server.child.cpuMicros(),
        sandbox: await sandbox.child.cpuMicros(),
      });
      for (const toolCase of cases) {
        for (const connections of [1, 32]) {
          const c0 = await cpu();
          const directResult = await load(toolCase, connections, seconds, 'direct');
          const c1 = await cpu();
          const mcpResult = await load(toolCase, connections, seconds, 'mcp');
          const c2 = await cpu();
          if (directResult.failures + mcpResult.failures > 0 || mcpResult.requests === 0)
            throw new Error(
              mcpResult.requests === 0
                ? `${mode} ${toolCase.tool} c=${connections}: no MCP call answered in ${seconds} s`
                : `${mode} ${toolCase.tool} c=${connections}: ${directResult.failures} direct and ${mcpResult.failures} MCP requests failed`,
            );
          const row: OverheadRow = {
            mode,
            tool: toolCase.tool,
            connections,
            direct: directResult,
            mcp: mcpResult,
            rpsRatio: mcpResult.rps / directResult.rps,
            addedP50Ms: mcpResult.p50Ms - directResult.p50Ms,
            addedP99Ms: mcpResult.p99Ms - directResult.p99Ms,
            directSandboxCpuUs: (c1.sandbox - c0.sandbox) / directResult.requests,
            mcpServerCpuUs: (c2.server - c1.server) / mcpResult.requests,
            mcpSandboxCpuUs: (c2.sandbox - c1.sandbox) / mcpResult.requests,
          };
          rows.push(row);
          log(
            `  ${mode} ${toolCase.tool} c=${connections}: direct ${directResult.rps.toFixed(0)} rps, MCP ${mcpResult.rps.toFixed(0)} rps (${(row.rpsRatio * 100).toFixed(0)}%), +${row.addedP50Ms.toFixed(2)} ms p50, server ${row.mcpServerCpuUs.toFixed(0)} us CPU/call`,
          );
        }
      }
    } finally {
      await Promise.allSettled(sessions.map((session) => session.close()));
      await server.child.kill();
    }
  }
  return { rows, upstream };
}
