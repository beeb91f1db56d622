/**
 * Several replicas of the real server (startServer: generated tools, safety layer, shared store)
 * against one sandbox and one Redis, as behind a load balancer, with real MCP clients over HTTP.
 */
import { Writable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { PrometheusFamily } from 'parse-prometheus-text-format';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startServer } from '../../src/start.js';
import type { StartedServer } from '../../src/start.js';

export const SHARED_SECRET = 'scale-suite-confirmation-secret-0123456789-abcdefghij';

export interface Replica {
  server: StartedServer;
  /** The origin, for /readyz and /metrics. */
  origin: string;
  logs: string[];
  /** The tool-call log lines so far, parsed. */
  toolCalls(): Record<string, unknown>[];
}

export interface Replicas {
  replicas: Replica[];
  /** A client of replica `index`, with the sandbox's MSP key unless another is given. */
  connect(index: number, apiKey?: string): Promise<Client>;
  close(): Promise<void>;
}

export async function startReplicas({
  count,
  sandbox,
  store,
  prefix,
  argv = [],
  env = {},
}: {
  count: number;
  sandbox: Sandbox;
  /** `memory` or a Redis URL. */
  store: string;
  prefix: string;
  argv?: string[];
  /** More environment variables (secrets, which have no flags). */
  env?: Record<string, string>;
}): Promise<Replicas> {
  const replicas: Replica[] = [];
  const clients: Client[] = [];
  for (let i = 0; i < count; i += 1) {
    const logs: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        logs.push(...String(chunk).split('\n').filter(Boolean));
        callback();
      },
    });
    const config = loadConfig({
      argv: ['--port', '0', '--base-url', sandbox.url, '--audit-log', 'stderr', ...argv],
      env: {
        JUMPCLOUD_MCP_CONFIRMATION_SECRET: SHARED_SECRET,
        JUMPCLOUD_MCP_SHUTDOWN_GRACE_MS: '500',
        JUMPCLOUD_MCP_STORE: store,
        JUMPCLOUD_MCP_STORE_PREFIX: prefix,
        JUMPCLOUD_MCP_LOG_LEVEL: 'silent',
        ...env,
      },
    });
    const server = await startServer({
      config,
      logger: createLogger({ level: 'info', destination }),
    });
    replicas.push({
      server,
      origin: new URL(server.url).origin,
      logs,
      toolCalls: () =>
        logs
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((line) => line.msg === 'tool call'),
    });
  }
  return {
    replicas,
    connect: async (index, apiKey = sandbox.apiKey) => {
      const client = new Client({ name: 'claude-code', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(replicas[index]!.server.url), {
          requestInit: { headers: { Authorization: `Bearer ${apiKey}` } },
        }),
      );
      clients.push(client);
      return client;
    },
    close: async () => {
      for (const client of clients) await client.close().catch(() => {});
      for (const replica of replicas) await replica.server.close();
    },
  };
}

export function text(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : '';
}

export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** GET /metrics, parsed. */
export async function scrape(url: string): Promise<PrometheusFamily[]> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  return parsePrometheusTextFormat(await response.text());
}

/**
 * The value of the sample of `name` whose labels include `labels` (0 when there is none); for a
 * histogram, its count (the parser keeps the labels of unlabelled histograms only).
 */
export function sample(
  families: PrometheusFamily[],
  name: string,
  labels: Record<string, string> = {},
): number {
  const family = families.find((f) => f.name === name);
  const match = family?.metrics.find((m) =>
    Object.entries(labels).every(([key, value]) => m.labels?.[key] === value),
  );
  return match ? Number(match.value ?? match.count ?? match.buckets?.['+Inf'] ?? 0) : 0;
}
