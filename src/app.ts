import Koa from 'koa';
import { Router } from '@koa/router';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { ToolDefinition } from './registry/types.js';
import type { Safety } from './safety/types.js';
import { resolveBaseUrls } from './upstream/base-urls.js';
import type { UpstreamServers } from './upstream/base-urls.js';
import { errorHandler } from './middleware/error-handler.js';
import { requestLog } from './middleware/request-log.js';
import { securityHeaders } from './middleware/security-headers.js';
import { hostAndOriginGuard } from './middleware/host-and-origin.js';
import { cors } from './middleware/cors.js';
import { health } from './middleware/health.js';
import { bearerAuth } from './middleware/bearer-auth.js';
import { organization } from './middleware/organization.js';
import { jsonBody } from './middleware/json-body.js';
import { toolSelection } from './middleware/tool-selection.js';
import { inFlight } from './middleware/in-flight.js';
import type { InFlight } from './middleware/in-flight.js';
import { createMcpServer } from './mcp/create-mcp-server.js';
import { mcpBridge } from './mcp/koa-bridge.js';
import { SessionStore } from './mcp/sessions.js';
import type { OAuth } from './auth/oauth/index.js';
import { credentialFetch } from './auth/request-adapter.js';

export interface AppDeps {
  config: Config;
  tools: readonly ToolDefinition[];
  safety: Safety;
  /** Per spec id, the server URL of each region. */
  servers: UpstreamServers;
  logger: Logger;
  /** The network edge; tests may point it elsewhere. */
  fetchImpl?: typeof fetch;
  /** OAuth sign-in (`--auth oauth`): metadata, authorization server, verifier and grant. */
  oauth?: OAuth;
}

export interface McpApp {
  app: Koa;
  sessions?: SessionStore;
  calls: InFlight;
  /** False until listening and again while draining; drives /readyz. */
  setReady(ready: boolean): void;
}

/** Composes the middleware of the one Koa app: /healthz, /readyz and the MCP endpoint /v1. */
export function createApp({
  config,
  tools,
  safety,
  servers,
  logger,
  fetchImpl,
  oauth,
}: AppDeps): McpApp {
  let ready = false;
  const baseUrls = resolveBaseUrls({ servers, region: config.region, baseUrl: config.baseUrl });
  const sessions = config.stateful
    ? new SessionStore({ cap: config.sessionCap, idleMs: config.sessionIdleSeconds * 1000 })
    : undefined;
  const buildServer = () =>
    createMcpServer({
      safety,
      baseUrls,
      upstreamTimeoutMs: config.upstreamTimeoutMs,
      stateful: config.stateful,
      outputSchemas: config.outputSchemas,
      fetchImpl: oauth ? credentialFetch(fetchImpl) : fetchImpl,
    });
  const calls = inFlight();

  const app = new Koa({ proxy: false });
  app.on('error', (error: Error) => logger.error({ err: error }, 'unhandled error'));

  const router = new Router();
  const endpoint = [
    calls.middleware,
    oauth ? oauth.authenticate : bearerAuth(),
    organization(),
    toolSelection(safety),
    jsonBody(config.bodyLimit),
    ...(oauth ? [oauth.gate] : []),
    mcpBridge({ buildServer, sessions }),
  ];
  router.post('/v1', ...endpoint);
  router.get('/v1', ...endpoint);
  router.delete('/v1', ...endpoint);

  app.use(errorHandler());
  app.use(requestLog(logger));
  app.use(securityHeaders());
  app.use(health({ isReady: () => ready && tools.length > 0 }));
  app.use(
    hostAndOriginGuard({
      allowedOrigins: config.allowedOrigins,
      allowedHosts: config.allowedHosts,
      bindHost: config.host,
    }),
  );
  app.use(cors());
  if (oauth) {
    // The built-in authorization server signs its cookies with these keys.
    app.keys = oauth.cookieKeys;
    app.use(oauth.routes);
  }
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: false }));

  return { app, sessions, calls, setReady: (value) => (ready = value) };
}
