/**
 * tools/list: requests per second (raw JSON-RPC POSTs to a stateless server), and what the answer
 * costs a model: bytes, and o200k tokens in total and per tool.
 */
import { runLoad } from '../load.js';
import type { LoadResult } from '../load.js';
import { mcpHeaders, openSession, postJsonRpc, TOOLS_LIST_BODY } from '../mcp.js';
import type { Runtime } from '../runtime.js';
import type { RunningSandbox } from '../services.js';
import { startServerProcess } from '../services.js';
import { tokensOf } from '../tokens.js';

export interface ToolsListResult {
  load: LoadResult;
  tools: number;
  /** Size of the JSON-RPC response body. */
  responseBytes: number;
  /** Tokens of the `tools` array as JSON. */
  tokens: number;
  tokensPerTool: number;
  /** Tokens of each field summed over all tools (what the total is made of). */
  byField: Record<string, number>;
  /** Every tool, heaviest first. */
  perTool: { name: string; tokens: number; bytes: number }[];
}

export async function measureToolsList({
  runtime,
  sandbox,
  seconds,
  maxRequests,
}: {
  runtime: Runtime;
  sandbox: RunningSandbox;
  seconds: number;
  maxRequests: number;
}): Promise<ToolsListResult> {
  const server = await startServerProcess({ runtime, sandboxUrl: sandbox.url, stateful: false });
  try {
    const session = await openSession({ url: server.url, apiKey: sandbox.apiKey });
    const { tools } = await session.client.listTools();
    await session.close();
    const headers = mcpHeaders({ apiKey: sandbox.apiKey });
    const raw = await postJsonRpc({ url: server.url, headers, body: TOOLS_LIST_BODY });
    const target = { url: server.url, method: 'POST' as const, headers, body: TOOLS_LIST_BODY };
    await runLoad({ target, connections: 8, seconds: Math.min(1, seconds), maxRequests });
    const load = await runLoad({ target, connections: 32, seconds, maxRequests });
    if (load.failures > 0 || load.requests === 0)
      throw new Error(`tools/list: ${load.failures} requests failed`);
    const perTool = tools
      .map((tool) => ({
        name: tool.name,
        tokens: tokensOf(tool),
        bytes: Buffer.byteLength(JSON.stringify(tool)),
      }))
      .sort((a, b) => b.tokens - a.tokens);
    const tokens = tokensOf(tools);
    const byField: Record<string, number> = {};
    for (const tool of tools)
      for (const [field, value] of Object.entries(tool))
        byField[field] = (byField[field] ?? 0) + tokensOf({ [field]: value });
    return {
      byField,
      load,
      tools: tools.length,
      responseBytes: raw.bytes,
      tokens,
      tokensPerTool: tools.length > 0 ? tokens / tools.length : 0,
      perTool,
    };
  } finally {
    await server.child.kill();
  }
}
