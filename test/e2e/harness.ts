/**
 * The one end-to-end harness. `startHost` serves the real Koa app on 127.0.0.1:0 in front of a
 * JumpCloud stand-in (the sandbox, or a hand-rolled upstream for faults the sandbox cannot make),
 * keeping its log lines and audit records; `connectClient` is a real MCP SDK client over
 * Streamable HTTP; `startE2e` puts the sandbox, the server and clients together and, on close,
 * proves the API keys never leaked into anything captured.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type {
  CallToolResult,
  ElicitRequest,
  ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { pino } from 'pino';
import { expect } from 'vitest';
import { tools as generatedTools } from '../../generated/index.js';
import { upstreamServers } from '../../generated/upstream.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Config, SafetyConfig } from '../../src/config.js';
import { listen } from '../../src/http-server.js';
import { JUMPCLOUD_KINDS } from '../../src/jumpcloud/kinds.js';
import { createLogger } from '../../src/logger.js';
import type { ToolDefinition } from '../../src/registry/types.js';
import { closeAuditLogger, createAuditLogger, createSafety } from '../../src/safety/index.js';
import type { AuditRecord } from '../../src/safety/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startServer } from '../../src/start.js';
import type { UsedTokenStore } from '../../src/store/types.js';
import type { UpstreamServers } from '../../src/upstream/base-urls.js';
import { data, mutations, text, tokenIn, withToken } from './results.js';

export { data, mutations, text, tokenIn, withToken };

/** The generated tools, as the registry takes them. */
export const GENERATED_TOOLS = generatedTools as unknown as readonly ToolDefinition[];
/** The generated tool names, sorted. */
export const GENERATED_TOOL_NAMES = generatedTools.map((tool) => tool.name).sort();
/** The confirmation secret of every server the harness starts. */
export const SECRET = 'e2e-confirmation-secret-0123456789-abcdefghijklmnop';

/** A writable stream that keeps each line written to it. */
export function captureLines(): { lines: string[]; destination: Writable } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  return { lines, destination };
}

/** What only createApp takes: safety settings that are not configuration. */
export interface SafetyOverrides extends Partial<SafetyConfig> {
  /** The clock confirmation tokens see. */
  now?: () => number;
  /** A used-token store shared by several hosts, as replicas share Redis. */
  usedTokens?: UsedTokenStore;
}

export interface HostOptions {
  /** JumpCloud's base URL: the sandbox, or a hand-rolled upstream. */
  baseUrl: string;
  stateful?: boolean;
  /** More command-line flags. */
  argv?: string[];
  /** Environment over the harness's (the confirmation secret, a short shutdown grace). */
  env?: Record<string, string>;
  /** Tools and the upstream servers they call: the generated ones by default. */
  tools?: readonly ToolDefinition[];
  servers?: UpstreamServers;
  safety?: SafetyOverrides;
  /**
   * Audit records to a file through the production audit logger (the default), or kept in memory
   * in `records`, where a test may clear them.
   */
  audit?: 'file' | 'memory';
}

export interface Host {
  /** The MCP endpoint. */
  url: string;
  origin: string;
  config: Config;
  /** Operational log lines. */
  logs: string[];
  /** With `audit: 'memory'`, the audit records as they are written; empty otherwise. */
  records: AuditRecord[];
  /** Every audit record so far, as JSON lines. */
  auditLines(): Promise<string[]>;
  audit(): Promise<AuditRecord[]>;
  close(): Promise<void>;
}

/**
 * The real Koa app. It is started as `jumpcloud-mcp` starts it (startServer: generated tools,
 * safety from the configuration, audit log file) unless the test asks for what only createApp
 * takes: other tools or servers, safety overrides, or audit records in memory.
 */
export async function startHost({
  baseUrl,
  stateful = false,
  argv = [],
  env = {},
  tools,
  servers,
  safety,
  audit = 'file',
}: HostOptions): Promise<Host> {
  const dir = await mkdtemp(join(tmpdir(), 'jumpcloud-mcp-host-'));
  const auditPath = join(dir, 'audit.log');
  const { lines: logs, destination } = captureLines();
  const logger = createLogger({ level: 'info', destination });
  const config = loadConfig({
    argv: [
      ...['--port', '0', '--base-url', baseUrl, '--log-level', 'info'],
      ...['--audit-log', auditPath],
      ...(stateful ? ['--stateful'] : []),
      ...argv,
    ],
    env: {
      JUMPCLOUD_MCP_CONFIRMATION_SECRET: SECRET,
      JUMPCLOUD_MCP_SHUTDOWN_GRACE_MS: '1000',
      ...env,
    },
  });
  const records: AuditRecord[] = [];
  let running: { url: string; origin: string; close(): Promise<void> };
  if (!tools && !servers && !safety && audit === 'file') {
    const started = await startServer({ config, logger });
    running = { ...started, origin: new URL(started.url).origin };
  } else {
    const { now, usedTokens, ...settings } = safety ?? {};
    const auditLogger =
      audit === 'file'
        ? createAuditLogger({ destination: auditPath })
        : pino(
            { name: 'audit', base: { log: 'audit' } },
            { write: (line: string) => void records.push(JSON.parse(line) as AuditRecord) },
          );
    const hostTools = tools ?? GENERATED_TOOLS;
    const mcpApp = createApp({
      config,
      tools: hostTools,
      safety: createSafety({
        config: { ...config.safety, ...settings },
        tools: hostTools,
        kinds: JUMPCLOUD_KINDS,
        usedTokens,
        auditLogger,
        logger,
        nodeEnv: 'production',
        now,
      }),
      servers: servers ?? upstreamServers,
      logger,
    });
    const listening = await listen({ mcpApp, config, logger });
    running = {
      url: `${listening.origin}/v1`,
      origin: listening.origin,
      close: async () => {
        await listening.close();
        await closeAuditLogger(auditLogger);
      },
    };
  }

  let closedAudit: string[] | undefined;
  const auditLines = async () => {
    if (audit === 'memory') return records.map((record) => JSON.stringify(record));
    if (closedAudit) return closedAudit;
    const raw = await readFile(auditPath, 'utf8').catch(() => '');
    return raw.split('\n').filter(Boolean);
  };
  return {
    url: running.url,
    origin: running.origin,
    config,
    logs,
    records,
    auditLines,
    audit: async () => (await auditLines()).map((line) => JSON.parse(line) as AuditRecord),
    /** Stops the server; its audit records stay readable. */
    close: async () => {
      await running.close();
      closedAudit = await auditLines();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface ClientOptions {
  /** The MCP endpoint. */
  url: string;
  apiKey: string;
  /** The MCP client's name; it also goes in the HTTP User-Agent, which names the client in stateless mode. */
  name?: string;
  /** MSP child organization: `?organizationID=`. */
  orgId?: string;
  /** Extra query parameters of the endpoint, e.g. `{ readOnly: 'true' }`. */
  query?: Record<string, string>;
  /** Sent as the HTTP User-Agent; none (the runtime's own) by default. */
  userAgent?: string;
  /** More HTTP headers on every request. */
  headers?: Record<string, string>;
  /** Declares the elicitation capability and answers every elicitation with this. */
  elicit?: (request: ElicitRequest) => ElicitResult | Promise<ElicitResult>;
}

/** A real MCP SDK client, connected over Streamable HTTP with the key as a bearer token. */
export async function connectClient({
  url,
  apiKey,
  name = 'cursor',
  orgId,
  query = {},
  userAgent,
  headers = {},
  elicit,
}: ClientOptions): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const endpoint = new URL(url);
  if (orgId) endpoint.searchParams.set('organizationID', orgId);
  for (const [key, value] of Object.entries(query)) endpoint.searchParams.set(key, value);
  const client = new Client(
    { name, version: '1.0.0' },
    { capabilities: elicit ? { elicitation: { form: {} } } : {} },
  );
  if (elicit) client.setRequestHandler(ElicitRequestSchema, async (request) => elicit(request));
  const sent: Record<string, string> = { Authorization: `Bearer ${apiKey}`, ...headers };
  if (userAgent) sent['User-Agent'] = userAgent;
  const transport = new StreamableHTTPClientTransport(endpoint, { requestInit: { headers: sent } });
  await client.connect(transport);
  return { client, transport };
}

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
 * Starts a sandbox and the real server against it as `jumpcloud-mcp` starts; `argv` (given the
 * sandbox, to name its objects) and `env` are server configuration.
 */
export async function startE2e({
  argv = () => [],
  env = {},
}: { argv?: (sandbox: Sandbox) => string[]; env?: Record<string, string> } = {}): Promise<E2e> {
  const sandbox = await startSandbox({});
  const server = await startHost({
    baseUrl: sandbox.url,
    // Tests read whole pages back as data; the compact format and the budget have tests of their own.
    argv: ['--result-format', 'json', '--result-token-budget', '200000', ...argv(sandbox)],
    env,
  });
  const seen: string[] = [];
  const clients: Client[] = [];

  const connect = async ({
    client = 'cursor',
    orgId,
    query,
    apiKey = sandbox.apiKey,
    userAgent = `${client}/1.0.0`,
    elicit,
  }: ConnectOptions = {}) => {
    const connected = await connectClient({
      url: server.url,
      apiKey,
      name: client,
      orgId,
      query,
      userAgent: userAgent || undefined,
      elicit:
        elicit &&
        ((request) => {
          seen.push(request.params.message);
          return elicit(request.params.message);
        }),
    });
    clients.push(connected.client);
    return connected.client;
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
    // A preview is not an error; it carries the token in text and in structuredContent.
    expect(text(preview), `${name} preview`).toMatch(
      /^Confirmation required\. Nothing has been done yet\./,
    );
    expect(mutations(sandbox).length, `${name} preview sent a change upstream`).toBe(before);
    return ok(client, name, withToken(args, preview));
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
    logs: server.logs,
    seen,
    audit: server.audit,
    connect,
    call,
    ok,
    confirmed,
    close: async () => {
      for (const client of clients) await client.close().catch(() => {});
      await server.close();
      await sandbox.close();
      const captured = [...server.logs, ...seen, ...(await server.auditLines())];
      expect(captured.length).toBeGreaterThan(0);
      for (const key of [sandbox.apiKey, ...sandbox.orgApiKeys]) {
        const leaks = captured.filter((line) => line.includes(key));
        expect(leaks, 'an API key appears in a log line, audit record or tool result').toEqual([]);
      }
    },
  };
}
