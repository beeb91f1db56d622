/**
 * Response cost: o200k tokens of what a model reads from a typical result (the text content of
 * tools/call) for users_list, devices_list and di_events_get at limit 100, in the default compact
 * format and, as before it, plain JSON (`--result-format json`), next to the tokens of the raw
 * upstream body the call fetched. Both servers run with a budget that lets the whole page through.
 */
import { mcpHeaders, openSession, postJsonRpc, toolsCallBody } from '../mcp.js';
import type { Runtime } from '../runtime.js';
import type { RunningSandbox } from '../services.js';
import { startServerProcess } from '../services.js';
import { tokensOf } from '../tokens.js';

export interface ResponseCost {
  tool: string;
  args: Record<string, unknown>;
  /** Objects in the result (results/data array length). */
  items: number;
  /** Tokens of the text content the model reads (compact format). */
  tokens: number;
  tokensPerItem: number;
  /** The same result as plain JSON text (`--result-format json`). */
  jsonTokens: number;
  jsonTokensPerItem: number;
  /** Bytes of the whole JSON-RPC response body (what goes on the wire for the result). */
  responseBytes: number;
  /** UTF-8 bytes of the text content the model reads. */
  textBytes: number;
  /** responseBytes / textBytes: what the envelope (and any second copy of the data) adds. */
  wireRatio: number;
  /** Tokens of the upstream body(ies) the call fetched, as the sandbox sent them. */
  upstreamTokens: number;
}

const CASES: { tool: string; args: Record<string, unknown> }[] = [
  { tool: 'users_list', args: { limit: 100 } },
  { tool: 'devices_list', args: { limit: 100 } },
  { tool: 'di_events_get', args: { service: ['all'], start_time: '30d', limit: 100 } },
];

function countItems(data: unknown): number {
  if (Array.isArray(data)) return data.length;
  if (data && typeof data === 'object') {
    for (const key of ['results', 'events', 'data', 'items']) {
      const value = (data as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value.length;
    }
  }
  return 0;
}

/** Replays the upstream requests the sandbox recorded and counts the tokens of their bodies. */
async function upstreamTokens(sandbox: RunningSandbox): Promise<number> {
  const log = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as {
    method: string;
    path: string;
    query: Record<string, string | string[]>;
    headers: Record<string, string | string[]>;
    body: unknown;
  }[];
  let tokens = 0;
  for (const seen of log) {
    const url = new URL(seen.path, sandbox.url);
    for (const [name, value] of Object.entries(seen.query))
      for (const one of [value].flat()) url.searchParams.append(name, one);
    const headers: Record<string, string> = {
      'x-api-key': sandbox.apiKey,
      accept: 'application/json',
      'content-type': 'application/json',
    };
    const orgId = seen.headers['x-org-id'];
    if (orgId) headers['x-org-id'] = [orgId].flat().join(',');
    const response = await fetch(url, {
      method: seen.method,
      headers,
      ...(seen.body === undefined ? {} : { body: JSON.stringify(seen.body) }),
    });
    tokens += tokensOf(await response.text());
  }
  return tokens;
}

export async function measureResponseCost({
  runtime,
  sandbox,
}: {
  runtime: Runtime;
  sandbox: RunningSandbox;
}): Promise<ResponseCost[]> {
  const wholePage = ['--result-token-budget', '200000'];
  const server = await startServerProcess({
    runtime,
    sandboxUrl: sandbox.url,
    stateful: false,
    extraArgs: wholePage,
  });
  const jsonServer = await startServerProcess({
    runtime,
    sandboxUrl: sandbox.url,
    stateful: false,
    extraArgs: [...wholePage, '--result-format', 'json'],
  });
  const session = await openSession({ url: server.url, apiKey: sandbox.apiKey });
  const jsonSession = await openSession({ url: jsonServer.url, apiKey: sandbox.apiKey });
  const textOf = (result: Record<string, unknown>) =>
    (result.content as { type: string; text?: string }[])
      .filter((part) => part.type === 'text')
      .map((part) => part.text ?? '')
      .join('\n');
  try {
    const costs: ResponseCost[] = [];
    for (const { tool, args } of CASES) {
      await fetch(`${sandbox.url}/__sandbox/requests`, { method: 'DELETE' });
      const result = await session.client.callTool({ name: tool, arguments: args });
      const content = result.content as { type: string; text?: string }[];
      const text = content
        .filter((part) => part.type === 'text')
        .map((part) => part.text ?? '')
        .join('\n');
      if (result.isError || text === '') throw new Error(`${tool} failed: ${text.slice(0, 300)}`);
      const upstream = await upstreamTokens(sandbox);
      const raw = await postJsonRpc({
        url: server.url,
        headers: mcpHeaders({ apiKey: sandbox.apiKey }),
        body: toolsCallBody(tool, args),
      });
      const jsonText = textOf(await jsonSession.client.callTool({ name: tool, arguments: args }));
      const items = countItems(JSON.parse(jsonText));
      const tokens = tokensOf(text);
      const jsonTokens = tokensOf(jsonText);
      costs.push({
        tool,
        args,
        items,
        tokens,
        tokensPerItem: items > 0 ? tokens / items : tokens,
        jsonTokens,
        jsonTokensPerItem: items > 0 ? jsonTokens / items : jsonTokens,
        responseBytes: raw.bytes,
        textBytes: Buffer.byteLength(text),
        wireRatio: raw.bytes / Buffer.byteLength(text),
        upstreamTokens: upstream,
      });
    }
    return costs;
  } finally {
    await session.close();
    await jsonSession.close();
    await server.child.kill();
    await jsonServer.child.kill();
  }
}
