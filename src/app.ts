import Koa from 'koa';
import type { ParameterizedContext } from 'koa';
import { Router } from '@koa/router';
import type { Logger } from 'pino';
import type { AppState, EndpointState } from './app-state.js';
import { createAccessCheck } from './auth/access-check.js';
import type { AccessCheck } from './auth/access-check.js';
import { signIn } from './auth/middleware.js';
import { accessCheckStep } from './auth/require-access.js';
import type { Verifier } from './auth/types.js';
import { createUpstreamProbe } from './auth/upstream-probe.js';
import { signInMethods } from './auth/verifiers.js';
import type { OAuth } from './auth/oauth/index.js';
import type { Config } from './config.js';
import type { ToolDefinition } from './registry/types.js';
import type { Safety } from './safety/types.js';
import { resolveBaseUrls } from './upstream/base-urls.js';
import type { UpstreamServers } from './upstream/base-urls.js';
import { createUndiciFetch } from './upstream/undici-client.js';
import { answerError } from './middleware/error-handler.js';
import { startRequestLog } from './middleware/request-log.js';
import { responseHeaders, setPendingHeaders } from './middleware/security-headers.js';
import { hostAndOriginCheck } from './middleware/host-and-origin.js';
import { corsHeaders } from './middleware/cors.js';
import { healthStep } from './middleware/health.js';
import { pickOrganization } from './middleware/organization.js';
import { queryParametersCheck } from './middleware/query-parameters.js';
import { jsonBody } from './middleware/json-body.js';
import { toolSelection } from './middleware/tool-selection.js';
import { inFlight } from './middleware/in-flight.js';
import type { InFlight } from './middleware/in-flight.js';
import { ANSWERED, isPromise, runSteps, stepOf } from './middleware/steps.js';
import type { Step } from './middleware/steps.js';
import type { McpServerOptions } from './mcp/tool-answers.js';
import { createStatelessEndpoint } from './mcp/stateless-endpoint.js';
import { createClientMemory } from './mcp/client-memory.js';
import { clientName } from './middleware/client-name.js';
import { mcpBridge } from './mcp/koa-bridge.js';
import { SessionStore } from './mcp/sessions.js';
import { createMetrics } from './metrics/metrics.js';
import type { Metrics } from './metrics/metrics.js';
import { metricsEndpoint } from './metrics/metrics-endpoint.js';
import { createMemoryStore } from './store/create-store.js';
import type { SharedStore } from './store/types.js';
import { createRateLimits } from './upstream/rate-limit.js';
import type { RateLimits } from './upstream/rate-limit.js';
import { DEFAULT_RETRY } from './upstream/retry.js';

export interface AppDeps {
  config: Config;
  tools: readonly ToolDefinition[];
  safety: Safety;
  /** Per spec id, the server URL of each region. */
  servers: UpstreamServers;
  logger: Logger;
  /** The network edge; tests may point it elsewhere. */
  fetchImpl?: typeof fetch;
  /** OAuth sign-in (`--auth oauth`): metadata, authorization server, verifier, scope step-up. */
  oauth?: OAuth;
  /** Ways to sign in, asked in order; by default `signInMethods()` of the configured methods. */
  verifiers?: readonly Verifier[];
  /** Whether JumpCloud accepts a credential for an organization; by default a cached upstream read. */
  accessCheck?: AccessCheck;
  /** State shared with other replicas; an in-process store when omitted. */
  store?: SharedStore;
  /** Prometheus metrics; built here when omitted and `config.metrics` is on. */
  metrics?: Metrics;
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
  store: SharedStore;
  limits: RateLimits;
  metrics?: Metrics;
  /** False until listening and again while draining; drives /readyz. */
  setReady(ready: boolean): void;
}

/**
 * Composes the middleware of the one Koa app: /healthz, /readyz, /metrics (unless it has its own
 * port), with OAuth its metadata and authorization server, and the MCP endpoint /v1.
 */
export function createApp({
  config,
  tools,
  safety,
  servers,
  logger,
  fetchImpl,
  oauth,
  verifiers = signInMethods({
    ...(oauth ? { oauth: oauth.verifier } : {}),
    apiKeys: config.auth.includes('api-key'),
  }),
  accessCheck,
  store = createMemoryStore({ prefix: config.storePrefix }),
  metrics = config.metrics ? createMetrics({ toolNames: tools.map((t) => t.name) }) : undefined,
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
  if (sessions) metrics?.trackSessions(() => sessions.size);
  const limits = createRateLimits({
    backend: store.rateLimits,
    settings: config,
    observer: metrics?.rateLimits,
  });
  const retry = { ...DEFAULT_RETRY, retries: config.upstreamRetries };
  const serverOptions: McpServerOptions = {
    safety,
    baseUrls,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    stateful: config.stateful,
    outputSchemas: config.outputSchemas,
    resultFormat: config.resultFormat,
    resultTokenBudget: config.resultTokenBudget,
    fetchImpl: upstreamFetch,
    limits,
    retry,
    metrics,
  };
  // The SDK's Server (and its types module) loads with the first request that needs one.
  const buildServer = async () =>
    (await import('./mcp/create-mcp-server.js')).createMcpServer(serverOptions);
  const statelessEndpoint =
    !config.stateful && statelessPath === 'direct'
      ? createStatelessEndpoint(serverOptions)
      : undefined;
  const calls = inFlight();

  // Behind a reverse proxy or load balancer, X-Forwarded-* name the client, host and scheme; they
  // are trusted only when configured, since anyone can send them.
  const app = new Koa<AppState>({ proxy: config.trustProxy });
  app.on('error', (error: Error) => logger.error({ err: error }, 'unhandled error'));

  // Every request, in order: its id and log line, the headers of an API (pending for a POST to /v1), health and metrics, the
  // Host and Origin guard, CORS. Each step either passes, answers, or throws an HttpError.
  const front: Step<AppState>[] = [
    startRequestLog(logger),
    responseHeaders,
    healthStep({ isReady: () => ready && tools.length > 0, dependencies: [store.ping] }),
    ...(metrics && config.metricsPort === undefined ? [metricsEndpoint(metrics.registry)] : []),
    hostAndOriginCheck({
      allowedOrigins: config.allowedOrigins,
      allowedHosts: config.allowedHosts,
      bindHost: config.host,
    }),
    corsHeaders,
  ];
  // The MCP endpoint /v1. Everything that can be refused locally is, before the one upstream read
  // of the access check.
  const v1: Step<EndpointState>[] = [
    calls.track,
    signIn(verifiers, oauth ? { challenge: oauth.challenge } : {}),
    queryParametersCheck(),
    pickOrganization,
    toolSelection(safety),
    jsonBody(config.bodyLimit),
    ...(oauth ? [stepOf(oauth.scopeStepUp)] : []),
    accessCheckStep(check),
    // Stateless callers are named by the clientInfo of their last initialize (see client-memory).
    ...(sessions ? [] : [clientName(createClientMemory({ cache: store.cache }))]),
    mcpBridge({ buildServer, sessions, endpoint: statelessEndpoint }),
  ];
  const endpoint = async (ctx: ParameterizedContext<EndpointState>) => {
    await runSteps(v1, ctx);
  };
  const isV1Post = (ctx: ParameterizedContext<AppState>) =>
    ctx.method === 'POST' && ctx.path === '/v1';

  const router = new Router<AppState>();
  router.post<EndpointState>('/v1', endpoint);
  router.get<EndpointState>('/v1', endpoint);
  router.delete<EndpointState>('/v1', endpoint);

  // The steps run without a promise until one waits (reading the body, at the least).
  app.use(async (ctx, next) => {
    try {
      const answered = runSteps(front, ctx);
      if ((isPromise(answered) ? await answered : answered) === ANSWERED) return;
      // A POST to /v1 (every MCP message) is the router's POST route, and no OAuth route is /v1:
      // it goes to the endpoint directly.
      if (isV1Post(ctx)) {
        const done = runSteps(v1, ctx as ParameterizedContext<EndpointState>);
        if (isPromise(done)) await done;
      } else await next();
    } catch (caught) {
      setPendingHeaders(ctx);
      answerError(ctx, caught);
    }
    // A POST to /v1 that the endpoint did not answer itself (a step did): Koa writes it.
    setPendingHeaders(ctx);
  });
  if (oauth) {
    // The built-in authorization server signs its cookies with these keys.
    app.keys = oauth.cookieKeys;
    app.use(oauth.routes);
  }
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: false }));

  return { app, sessions, calls, store, limits, metrics, setReady: (value) => (ready = value) };
}
