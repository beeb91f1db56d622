/**
 * Talking to the server under test: a real MCP client (the SDK Client over Streamable HTTP) where
 * the handshake matters, and the raw JSON-RPC requests a Streamable HTTP client sends for load.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';

export const CLIENT_INFO = { name: 'jumpcloud-mcp-bench', version: '1.0.0' };

/** The headers of a Streamable HTTP client's POST. */
export function mcpHeaders({
  apiKey,
  sessionId,
  protocolVersion = LATEST_PROTOCOL_VERSION,
}: {
  apiKey: string;
  sessionId?: string;
  protocolVersion?: string;
}): Record<string, string> {
  return {
    accept: 'application/json, text/event-stream',
    'content-type': 'application/json',
    'mcp-protocol-version': protocolVersion,
    authorization: `Bearer ${apiKey}`,
    ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
  };
}

export function toolsCallBody(name: string, args: Record<string, unknown>): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name, arguments: args },
  });
}

export const TOOLS_LIST_BODY = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });

export interface OpenSession {
  client: Client;
  transport: StreamableHTTPClientTransport;
  /** Undefined against a stateless server. */
  sessionId?: string;
  protocolVersion: string;
  close(): Promise<void>;
}

/** Connects an SDK Client (initialize, initialized and, on a stateful server, the GET stream). */
export async function openSession({
  url,
  apiKey,
}: {
  url: string;
  apiKey: string;
}): Promise<OpenSession> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
  });
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  await client.connect(transport);
  return {
    client,
    transport,
    sessionId: transport.sessionId,
    protocolVersion: transport.protocolVersion ?? LATEST_PROTOCOL_VERSION,
    close: () => client.close(),
  };
}

/** One raw JSON-RPC POST; returns the JSON-RPC message (JSON or a single SSE event) and its size. */
export async function postJsonRpc({
  url,
  headers,
  body,
}: {
  url: string;
  headers: Record<string, string>;
  body: string;
}): Promise<{ status: number; bytes: number; message: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  const bytes = Buffer.byteLength(text);
  if (!response.ok)
    throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  const json = (response.headers.get('content-type') ?? '').includes('text/event-stream')
    ? (/^data: (.*)$/m.exec(text)?.[1] ?? 'null')
    : text;
  return { status: response.status, bytes, message: JSON.parse(json) as Record<string, unknown> };
}
