import Koa from 'koa';
import { Router } from '@koa/router';
import type { Logger } from 'pino';
import type { AppState, EndpointState } from './app-state.js';
import { createAccessCheck } from './auth/access-check.js';
import type { AccessCheck } from './auth/access-check.js';
import { authenticate } from './auth/middleware.js';
import { requireAccess } from './auth/require-access.js';
import type { Verifier } from './auth/types.js';
import { createUpstreamProbe } from './auth/upstream-probe.js';
import { signInMethods } from './auth/verifiers.js';
import type { Config } from './config.js';
import type { ToolDefinition } from './registry/types.js';
import type { Safety } from './safety/types.js';
import { resolveBaseUrls } from './upstream/base-urls.js';
import type { UpstreamServers } from './upstream/base-urls.js';
import { createUndiciFetch } from './upstream/undici-client.js';
import { errorHandler } from './middleware/error-handler.js';
import { requestLog } from './middleware/request-log.js';
import { securityHeaders } from './middleware/security-headers.js';
import { hostAndOriginGuard } from './middleware/host-and-origin.js';
import { cors } from './middleware/cors.js';
import { health } from './middleware/health.js';
import { organization } from './middleware/organization.js';
import { queryParameters } from './middleware/query-parameters.js';
import { jsonBody } from './middleware/json-body.js';
import { toolSelection } from './middleware/tool-selection.js';
import { inFlight } from './middleware/in-flight.js';
import type { InFlight } from './middleware/in-flight.js';
import { createMcpServer } from './mcp/create-mcp-server.js';
import type { McpServerOptions } from './mcp/create-mcp-server.js';
import { createStatelessEndpoint } from './mcp/stateless-endpoint.js';
import { mcpBridge } from './mcp/koa-bridge.js';
import { SessionStore } from './mcp/sessions.js';

export interface AppDeps {
  config: Config;
  tools: readonly ToolDefinition[];
  safety: Safety;
  /** Per spec id, the server URL of each region. */
  servers: UpstreamServers;
  logger: Logger;
  /** The network edge; tests may point it elsewhere. */
  fetchImpl?: typeof fetch;
  /** Ways to sign in, asked in order; by default `signInMethods()`. */
  verifiers?: readonly Verifier[];
  /** Whether JumpCloud accepts a credential for an organization; by default a cached upstream read. */
  accessCheck?: AccessCheck;
  /**
   * Stateless mode: `direct` (default) answers tools/list, tools/call, ping and notifications
   * without the SDK's transport; `sdk` sends every request through a `Server` of its own.
   */
  statelessPath?: 'direct' | 'sdk';
}

/** Upstream reads of the access check wait at most this long (a timeout refuses nothing). */
const ACCESS_PROBE_TIMEOUT_MS = 10_000;

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
  verifiers = signInMethods(),
  accessCheck,
  statelessPath = 'direct',
}: AppDeps): McpApp {
  let ready = false;
  const upstreamFetch =
    fetchImpl ?? (config.upstreamHttp === 'undici' ? createUndiciFetch() : undefined);
  const baseUrls = resolveBaseUrls({ servers, region: config.region, baseUrl: config.baseUrl });
  const v1BaseUrl = baseUrls.v1;
  if (v1BaseUrl === undefined) throw new Error('The upstream servers name no v1 API.');
  const check =
    accessCheck ??
    createAccessCheck({
      probe: createUpstreamProbe({
        v1BaseUrl,
        timeoutMs: Math.min(config.upstreamTimeoutMs, ACCESS_PROBE_TIMEOUT_MS),
        fetchImpl: upstreamFetch,
      }),
    });
  const sessions = config.stateful
    ? new SessionStore({ cap: config.sessionCap, idleMs: config.sessionIdleSeconds * 1000 })
    : undefined;
  const serverOptions: McpServerOptions = {
    safety,
    baseUrls,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    stateful: config.stateful,
    outputSchemas: config.outputSchemas,
    fetchImpl: upstreamFetch,
  };
  const buildServer = () => createMcpServer(serverOptions);
  const statelessEndpoint =
    !config.stateful && statelessPath === 'direct'
      ? createStatelessEndpoint(serverOptions)
      : undefined;
  const calls = inFlight();

  const app = new Koa<AppState>({ proxy: false });
  app.on('error', (error: Error) => logger.error({ err: error }, 'unhandled error'));

  const router = new Router<AppState>();
  // Everything that can be refused locally is, before the one upstream read of requireAccess.
  const endpoint = [
    calls.middleware,
    authenticate(verifiers),
    queryParameters(),
    organization(),
    toolSelection(safety),
    jsonBody(config.bodyLimit),
    requireAccess(check),
    mcpBridge({ buildServer, sessions, endpoint: statelessEndpoint }),
  ];
  router.post<EndpointState>('/v1', ...endpoint);
  router.get<EndpointState>('/v1', ...endpoint);
  router.delete<EndpointState>('/v1', ...endpoint);

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
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: false }));

  return { app, sessions, calls, setReady: (value) => (ready = value) };
}
