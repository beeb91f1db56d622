import type { Logger } from 'pino';
import { tools as generatedTools } from '../generated/index.js';
import { upstreamServers } from '../generated/upstream.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import type { ToolDefinition } from './registry/types.js';
import { listen } from './http-server.js';
import { JUMPCLOUD_KINDS } from './jumpcloud/kinds.js';
import { createMetrics } from './metrics/metrics.js';
import { listenMetrics } from './metrics/metrics-endpoint.js';
import type { MetricsListener } from './metrics/metrics-endpoint.js';
import { closeAuditLogger, createAuditLogger, createSafety } from './safety/index.js';
import { createStore } from './store/create-store.js';
import type { SharedStore } from './store/types.js';

/** What the embedded sandbox hands back (src/sandbox). */
interface SandboxHandle {
  url: string;
  apiKey: string;
  orgIds: readonly string[];
  close(): Promise<void>;
}

export interface StartedServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:8080/v1 */
  url: string;
  /** /metrics on its own port, with --metrics-port. */
  metricsUrl?: string;
  /** The embedded sandbox, with --sandbox. */
  sandbox?: { url: string; apiKey: string; orgIds: readonly string[] };
  close(): Promise<void>;
}

/**
 * The generated tools take the typed upstream API that createUpstreamApi builds from the same
 * generated server list, so erasing the API type here is sound.
 */
const tools = generatedTools as unknown as readonly ToolDefinition[];

/**
 * Wires the generated tools, the shared store, the metrics, the safety layer and (with --sandbox)
 * the sandbox into a listening server.
 */
export async function startServer({
  config,
  logger,
  statelessPath,
}: {
  config: Config;
  logger: Logger;
  /** Stateless mode: answer directly (default) or through the SDK's transport (for comparisons). */
  statelessPath?: 'direct' | 'sdk';
}): Promise<StartedServer> {
  const auditLogger = createAuditLogger({ destination: config.auditLog, level: config.logLevel });
  let sandbox: SandboxHandle | undefined;
  let effective = config;
  if (config.sandbox) {
    const { startSandbox } = await import('./sandbox/index.js');
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    effective = { ...config, baseUrl: sandbox.url };
  }
  const metrics = config.metrics
    ? createMetrics({ toolNames: tools.map((tool) => tool.name) })
    : undefined;
  let store: SharedStore | undefined;
  let metricsListener: MetricsListener | undefined;
  let running: Awaited<ReturnType<typeof listen>>;
  try {
    store = await createStore({
      config,
      observer: {
        error: (operation, message) => {
          metrics?.store.error(operation);
          if (operation === 'connection') logger.warn({ store: message }, 'shared store error');
        },
      },
    });
    const health = await store.ping();
    if (!health.ok) logger.warn({ reason: health.reason }, 'shared store not answering yet');
    const usedTokens = metrics ? metrics.countConfirmations(store.usedTokens) : store.usedTokens;
    const safety = createSafety({
      config: config.safety,
      tools,
      kinds: JUMPCLOUD_KINDS,
      usedTokens,
      auditLogger,
      logger,
    });
    const mcpApp = createApp({
      config: effective,
      tools,
      safety,
      servers: upstreamServers,
      logger,
      store,
      metrics,
      statelessPath,
    });
    if (metrics && config.metricsPort !== undefined) {
      metricsListener = await listenMetrics({
        registry: metrics.registry,
        host: config.host,
        port: config.metricsPort,
      });
    }
    running = await listen({ mcpApp, config: effective, logger });
  } catch (error) {
    // A port in use or a missing secret: nothing opened here outlives the failed start.
    await metricsListener?.close();
    await store?.close();
    await closeAuditLogger(auditLogger);
    await sandbox?.close();
    throw error;
  }
  const openStore = store;
  logger.info(
    {
      url: `${running.origin}/v1`,
      mode: config.stateful ? 'stateful' : 'stateless',
      upstream: effective.baseUrl ?? config.region,
      tools: tools.length,
      store: openStore.description,
      metrics: metricsListener ? `${metricsListener.origin}/metrics` : config.metrics,
    },
    'listening',
  );
  return {
    url: `${running.origin}/v1`,
    metricsUrl: metricsListener && `${metricsListener.origin}/metrics`,
    sandbox: sandbox && { url: sandbox.url, apiKey: sandbox.apiKey, orgIds: sandbox.orgIds },
    close: async () => {
      await running.close();
      await metricsListener?.close();
      await openStore.close();
      await closeAuditLogger(auditLogger);
      await sandbox?.close();
    },
  };
}
