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
import type { OAuth } from './auth/oauth/index.js';
import type { Administrator } from './sandbox/types.js';
import { resolveBaseUrls } from './upstream/base-urls.js';
import { compileCacheHandle } from './compile-cache.js';

/** What the embedded sandbox hands back (src/sandbox). */
interface SandboxHandle {
  url: string;
  apiKey: string;
  orgIds: readonly string[];
  serviceAccount: { clientId: string; clientSecret: string; tokenUrl: string };
  org(id: string): { admins: Administrator[] } | undefined;
  close(): Promise<void>;
}

export interface StartedServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:8080/v1 */
  url: string;
  /** /metrics on its own port, with --metrics-port. */
  metricsUrl?: string;
  /** The embedded sandbox, with --sandbox (and its identity provider in OAuth mode). */
  sandbox?: { url: string; apiKey: string; orgIds: readonly string[]; idp?: string };
  /** OAuth mode: the protected resource and its metadata URL. */
  oauth?: { resource: string; metadata: string };
  close(): Promise<void>;
}

/**
 * The generated tools take the typed upstream API that createUpstreamApi builds from the same
 * generated server list, so erasing the API type here is sound.
 */
const tools = generatedTools as unknown as readonly ToolDefinition[];

/**
 * Wires the generated tools, the shared store, the metrics, the safety layer, OAuth sign-in (with
 * --auth oauth) and (with --sandbox) the sandbox into a listening server.
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
  let oauth: OAuth | undefined;
  let idp: { issuer: string; close(): Promise<void> } | undefined;
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
    if (config.auth.includes('oauth')) {
      const publicUrl = config.oauth.publicUrl;
      if (publicUrl) {
        effective = {
          ...effective,
          allowedOrigins: [...effective.allowedOrigins, new URL(publicUrl).origin],
        };
      }
      // The authorization server (oidc-provider, openid-client) loads only when OAuth is on.
      const { oauthFromConfig } = await import('./auth/oauth/settings.js');
      oauth = await oauthFromConfig({
        config: effective,
        v1BaseUrl: resolveBaseUrls({
          servers: upstreamServers,
          region: effective.region,
          baseUrl: effective.baseUrl,
        }).v1 as string,
        tools,
        catalog: safety.select({}).tools,
        logger,
        store,
        ...(sandbox ? { sandbox } : {}),
      });
    }
    const mcpApp = createApp({
      config: effective,
      tools,
      safety,
      servers: upstreamServers,
      logger,
      store,
      metrics,
      statelessPath,
      ...(oauth ? { oauth } : {}),
    });
    if (metrics && config.metricsPort !== undefined) {
      metricsListener = await listenMetrics({
        registry: metrics.registry,
        host: config.host,
        port: config.metricsPort,
      });
    }
    running = await listen({ mcpApp, config: effective, logger });
    oauth?.listening(running.origin);
    if (oauth && sandbox && !config.oauth.idpIssuer && !config.oauth.issuer) {
      const { startSandboxIdp } = await import('./sandbox/idp/index.js');
      const handle = sandbox;
      const sandboxIdp = await startSandboxIdp({
        people: () => handle.orgIds.flatMap((id) => handle.org(id)?.admins ?? []),
        redirectUris: [`${oauth.site.origin}/oauth/callback`],
      });
      idp = sandboxIdp;
      oauth.useIdp(sandboxIdp);
    }
  } catch (error) {
    // A port in use or a missing secret: nothing opened here outlives the failed start.
    await metricsListener?.close();
    await store?.close();
    await closeAuditLogger(auditLogger);
    await idp?.close();
    await sandbox?.close();
    throw error;
  }
  const openStore = store;
  const compileCache = compileCacheHandle();
  logger.info(
    {
      url: `${running.origin}/v1`,
      mode: config.stateful ? 'stateful' : 'stateless',
      upstream: effective.baseUrl ?? config.region,
      tools: tools.length,
      store: openStore.description,
      metrics: metricsListener ? `${metricsListener.origin}/metrics` : config.metrics,
      auth: config.auth,
      // Started by the built entry (src/boot.ts): what it compiled from V8's code cache.
      ...(compileCache ? { compileCache: compileCache.report } : {}),
    },
    'listening',
  );
  compileCache?.listening();
  return {
    url: `${running.origin}/v1`,
    metricsUrl: metricsListener && `${metricsListener.origin}/metrics`,
    sandbox: sandbox && {
      url: sandbox.url,
      apiKey: sandbox.apiKey,
      orgIds: sandbox.orgIds,
      ...(idp ? { idp: idp.issuer } : {}),
    },
    ...(oauth
      ? { oauth: { resource: oauth.site.resource, metadata: oauth.site.resourceMetadataUrl } }
      : {}),
    close: async () => {
      await running.close();
      await metricsListener?.close();
      await openStore.close();
      await closeAuditLogger(auditLogger);
      await idp?.close();
      await sandbox?.close();
    },
  };
}
