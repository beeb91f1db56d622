/**
 * End-to-end fixture: the real Koa app with the generated tools and the real safety layer, served
 * on 127.0.0.1:0 against the sandbox, whose request log is the witness of what reached "JumpCloud".
 */
import type { UsedTokenStore } from '../../src/store/types.js';
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
import { tools as generatedTools } from '../../generated/index.js';
import { upstreamServers } from '../../generated/upstream.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { listen } from '../../src/http-server.js';
import type { ToolDefinition } from '../../src/registry/types.js';
import { JUMPCLOUD_KINDS } from '../../src/jumpcloud/kinds.js';
import { createSafety } from '../../src/safety/index.js';
import type { SafetyConfig } from '../../src/config.js';
import type { Sandbox } from '../../src/sandbox/index.js';

export const GENERATED_TOOLS = generatedTools as unknown as readonly ToolDefinition[];
export const SECRET = 'e2e-confirmation-secret-0123456789-abcdefghijklmnop';

export interface SafetyHost {
  url: string;
  audit: Array<Record<string, unknown>>;
  logs: string[];
  close(): Promise<void>;
}

export async function startSafetyHost({
  sandbox,
  stateful = false,
  safety = {},
}: {
  sandbox: Sandbox;
  stateful?: boolean;
  /** Safety settings over the defaults, and the clock confirmation tokens see. */
  safety?: Partial<SafetyConfig> & { now?: () => number; usedTokens?: UsedTokenStore };
}): Promise<SafetyHost> {
  const { now, usedTokens, ...safetyConfig } = safety;
  const audit: Array<Record<string, unknown>> = [];
  const logs: string[] = [];
  const auditLogger = pino(
    { name: 'audit', base: { log: 'audit' } },
    { write: (line: string) => void audit.push(JSON.parse(line)) },
  );
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, callback) {
        logs.push(...String(chunk).split('\n').filter(Boolean));
        callback();
      },
    }),
  );
  const config = loadConfig({
    argv: ['--port', '0', '--base-url', sandbox.url],
    env: { JUMPCLOUD_MCP_STATEFUL: String(stateful), JUMPCLOUD_MCP_SHUTDOWN_GRACE_MS: '1000' },
  });
  const mcpApp = createApp({
    config,
    tools: GENERATED_TOOLS,
    safety: createSafety({
      config: { ...config.safety, confirmationSecret: SECRET, ...safetyConfig },
      tools: GENERATED_TOOLS,
      kinds: JUMPCLOUD_KINDS,
      usedTokens,
      auditLogger,
      logger,
      nodeEnv: 'production',
      now,
    }),
    servers: upstreamServers,
    logger,
  });
  const running = await listen({ mcpApp, config, logger });
  return { url: `${running.origin}/v1`, audit, logs, close: running.close };
}

export type ElicitAnswer = (request: ElicitRequest) => ElicitResult;

export async function connect({
  url,
  apiKey,
  elicit,
}: {
  url: string;
  apiKey: string;
  /** Declares the elicitation capability and answers with this. */
  elicit?: ElicitAnswer;
}): Promise<Client> {
  const client = new Client(
    { name: 'cursor', version: '1.0.0' },
    { capabilities: elicit ? { elicitation: { form: {} } } : {} },
  );
  if (elicit) client.setRequestHandler(ElicitRequestSchema, async (request) => elicit(request));
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${apiKey}` } },
  });
  await client.connect(transport);
  return client;
}

export function text(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

export function tokenIn(result: CallToolResult): string {
  const match = /"confirmation_token": "([^"]+)"/.exec(text(result));
  if (!match?.[1]) throw new Error(`no confirmation token in: ${text(result)}`);
  return match[1];
}

/** Requests that change something: anything but GET. */
export function mutations(sandbox: Sandbox) {
  return sandbox.requests.filter((r) => r.method !== 'GET');
}
