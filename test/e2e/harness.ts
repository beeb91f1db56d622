/**
 * End-to-end harness: the real server (`startServer`, generated tools, real safety layer, audit
 * log written to a file as in production) on 127.0.0.1:0, the sandbox as its only upstream, and
 * real MCP clients over Streamable HTTP. Everything a test sees (log lines, audit records, tool
 * results, errors) is kept so the suite can prove the API keys never leak into any of it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import { tools as generatedTools } from '../../generated/index.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { AuditRecord } from '../../src/safety/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startServer } from '../../src/start.js';
import { mutations, text, tokenIn } from '../safety/e2e-fixture.js';

export { mutations, text, tokenIn };

/** The generated tool names, sorted. */
export const GENERATED_TOOL_NAMES = generatedTools.map((tool) => tool.name).sort();

const SECRET = 'e2e-suite-confirmation-secret-0123456789-abcdefghij';

export interface ConnectOptions {
  /** The MCP client's name; it also goes in the HTTP User-Agent, which names the client in stateless mode. */
  client?: string;
  /** MSP child organization: `?organizationID=`. */
  orgId?: string;
  /** Extra query parameters of the endpoint, e.g. `{ readOnly: 'true' }`. */
  query?: Record<string, string>;
  apiKey?: string;
  /** Sent as the HTTP User-Agent; `${client}/1.0.0` by default, none (the runtime's own) when false. */
  userAgent?: string | false;
  /** Declares the elicitation capability and answers every elicitation with this. */
  elicit?: (message: string) => ElicitResult;
}

/** What a raw POST got back: the HTTP status and the parsed JSON body (undefined if none). */
export interface RawAnswer {
  status: number;
  body: unknown;
}

export interface E2e {
  sandbox: Sandbox;
  /** The MCP endpoint. */
  url: string;
  /** Operational log lines of the server. */
  logs: string[];
  /** Every tool result text and error message the clients received. */
  seen: string[];
  /** The audit records written so far (read from the audit log file). */
  audit(): Promise<AuditRecord[]>;
  connect(options?: ConnectOptions): Promise<Client>;
  /** tools/call, keeping what comes back. */
  call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** A successful call: fails the test with the result's text otherwise. */
  ok(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /**
   * A destructive call in stateless mode: the first call must change nothing upstream and return
   * a token; the second, with it, executes. Returns the second result.
   */
  confirmed(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /**
   * One raw POST to the endpoint with the sandbox key: `body` is sent as it is when a string, as
   * JSON otherwise. For what a well-behaved client would never send.
   */
  post(body: unknown, headers?: Record<string, string>): Promise<RawAnswer>;
  /** Asserts no API key occurs in anything captured, then stops clients, server and sandbox. */
  close(): Promise<void>;
}

/**
 * Starts a sandbox and the real server against it; `argv` (given the sandbox, to name its
 * objects) and `env` are server configuration.
 */
export async function startE2e({
  argv = () => [],
  env = {},
}: { argv?: (sandbox: Sandbox) => string[]; env?: Record<string, string> } = {}): Promise<E2e> {
  const sandbox = await startSandbox({});
  const dir = await mkdtemp(join(tmpdir(), 'jumpcloud-mcp-e2e-'));
  const auditPath = join(dir, 'audit.log');
  const logs: string[] = [];
  const seen: string[] = [];
  const clients: Client[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  const config = loadConfig({
    argv: [
      '--port',
      '0',
      '--base-url',
      sandbox.url,
      '--audit-log',
      auditPath,
      '--log-level',
      'info',
      ...argv(sandbox),
    ],
    env: {
      JUMPCLOUD_MCP_CONFIRMATION_SECRET: SECRET,
      JUMPCLOUD_MCP_SHUTDOWN_GRACE_MS: '1000',
      ...env,
    },
  });
  const server = await startServer({
    config,
    logger: createLogger({ level: 'info', destination }),
  });

  const auditLines = async () => {
    const raw = await readFile(auditPath, 'utf8').catch(() => '');
    return raw.split('\n').filter(Boolean);
  };

  const connect = async ({
    client = 'cursor',
    orgId,
    query = {},
    apiKey = sandbox.apiKey,
    userAgent = `${client}/1.0.0`,
    elicit,
  }: ConnectOptions = {}) => {
    const url = new URL(server.url);
    if (orgId) url.searchParams.set('organizationID', orgId);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const mcp = new Client(
      { name: client, version: '1.0.0' },
      { capabilities: elicit ? { elicitation: { form: {} } } : {} },
    );
    if (elicit) {
      mcp.setRequestHandler(ElicitRequestSchema, async (request) => {
        seen.push(request.params.message);
        return elicit(request.params.message);
      });
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${apiKey}` };
    if (userAgent !== false) headers['User-Agent'] = userAgent;
    await mcp.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
    clients.push(mcp);
    return mcp;
  };

  const call = async (client: Client, name: string, args: Record<string, unknown>) => {
    try {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      seen.push(JSON.stringify(result));
      return result;
    } catch (error) {
      seen.push(String((error as Error).message));
      throw error;
    }
  };

  const ok = async (client: Client, name: string, args: Record<string, unknown>) => {
    const result = await call(client, name, args);
    expect(result.isError, `${name}: ${text(result)}`).toBeFalsy();
    return result;
  };

  const confirmed = async (client: Client, name: string, args: Record<string, unknown>) => {
    const before = mutations(sandbox).length;
    const preview = await call(client, name, args);
    // A preview is flagged isError (the action did not run) and carries the token.
    expect(text(preview), `${name} preview`).toMatch(
      /^Confirmation required\. Nothing has been done yet\./,
    );
    expect(mutations(sandbox).length, `${name} preview sent a change upstream`).toBe(before);
    return ok(client, name, { ...args, confirmation_token: tokenIn(preview) });
  };

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${sandbox.apiKey}`,
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const raw = await response.text();
    seen.push(raw);
    return { status: response.status, body: raw ? (JSON.parse(raw) as unknown) : undefined };
  };

  return {
    sandbox,
    url: server.url,
    post,
    logs,
    seen,
    audit: async () => (await auditLines()).map((line) => JSON.parse(line) as AuditRecord),
    connect,
    call,
    ok,
    confirmed,
    close: async () => {
      for (const client of clients) await client.close().catch(() => {});
      await server.close();
      await sandbox.close();
      const captured = [...logs, ...seen, ...(await auditLines())];
      await rm(dir, { recursive: true, force: true });
      expect(captured.length).toBeGreaterThan(0);
      for (const key of [sandbox.apiKey, ...sandbox.orgApiKeys]) {
        const leaks = captured.filter((line) => line.includes(key));
        expect(leaks, 'an API key appears in a log line, audit record or tool result').toEqual([]);
      }
    },
  };
}

/** The structured content of a successful result. */
export function data<T = Record<string, unknown>>(result: CallToolResult): T {
  return (result.structuredContent ?? JSON.parse(text(result))) as T;
}
