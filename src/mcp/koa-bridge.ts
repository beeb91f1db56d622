import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ParameterizedContext } from 'koa';
import type { Logger } from 'pino';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { EndpointState } from '../app-state.js';
import { HttpError } from '../middleware/http-error.js';
import { CancelSource } from '../upstream/cancellation.js';
import { writeHeadWith } from '../middleware/security-headers.js';
import type { Step } from '../middleware/steps.js';
import { scopeFrom, toAuthInfo } from './request-scope.js';
import type { RequestScope } from './request-scope.js';
import type { SessionStore } from './sessions.js';
import type { HttpAnswer, StatelessEndpoint, StatelessRequest } from './stateless-endpoint.js';

export interface BridgeOptions {
  /**
   * A fresh MCP server (tools/list, tools/call) for a request or a session. A promise: the SDK's
   * `Server` is loaded when the first request needs one, not at start.
   */
  buildServer: () => Server | Promise<Server>;
  /** Present in stateful mode. */
  sessions?: SessionStore;
  /**
   * Stateless mode: answers what it can without the SDK's transport; the rest (and everything,
   * when absent) goes through a `Server` built for the request.
   */
  endpoint?: StatelessEndpoint;
}

type Context = ParameterizedContext<EndpointState>;

/**
 * What the handlers learn about the request (see request-scope). Its logger is the request's,
 * made when something logs: most requests log only their line. A class, so that the getter is
 * its prototype's and not made per request.
 */
class ScopeOf implements RequestScope {
  readonly principal: RequestScope['principal'];
  readonly credential: RequestScope['credential'];
  readonly orgId: string | undefined;
  readonly requestId: string;
  readonly httpUserAgent: string | undefined;
  readonly clientInfoName: string | undefined;
  readonly selection: RequestScope['selection'];
  readonly #state: EndpointState;
  constructor(ctx: Context) {
    const { state } = ctx;
    this.principal = state.principal;
    this.credential = state.credential;
    this.orgId = state.orgId;
    this.requestId = state.requestId;
    this.httpUserAgent = ctx.req.headers['user-agent'] || undefined;
    this.clientInfoName = state.clientInfoName;
    this.selection = state.selection;
    this.#state = state;
  }
  get logger(): Logger {
    return this.#state.logger;
  }
}

/**
 * A stateless request as the endpoint reads it. Its cancellation is made when the endpoint asks for
 * it (a tools/call), not for every request; a class, so that the getter is not made per request.
 */
class EndpointRequest implements StatelessRequest {
  readonly rawHeaders: readonly string[];
  readonly body: unknown;
  readonly scope: RequestScope;
  readonly #res: ServerResponse;
  #cancellation: CancelSource | undefined;
  constructor(ctx: Context, auth: AuthInfo) {
    this.rawHeaders = ctx.req.rawHeaders;
    this.body = ctx.state.body;
    this.scope = scopeFrom(auth);
    this.#res = ctx.res;
  }
  get cancellation(): CancelSource {
    if (this.#cancellation) return this.#cancellation;
    const made = new CancelSource();
    const res = this.#res;
    // A client that goes away before its answer cancels the call.
    res.once('close', () => {
      if (!res.writableFinished) made.abort();
    });
    this.#cancellation = made;
    return made;
  }
}

/**
 * The SDK's transport and its types module, loaded by the first request that needs them (a session,
 * or a stateless request the endpoint leaves to the SDK): the default start and the requests the
 * stateless endpoint answers never load them.
 */
let sdkModules:
  | Promise<{
      Transport: typeof WebStandardStreamableHTTPServerTransport;
      isInitializeRequest: (value: unknown) => boolean;
    }>
  | undefined;
const loadSdk = () =>
  (sdkModules ??= Promise.all([
    import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]).then(([transport, types]) => ({
    Transport: transport.WebStandardStreamableHTTPServerTransport,
    isInitializeRequest: types.isInitializeRequest,
  })));

/**
 * The request as the SDK's transport reads it: its method, URL and headers, the only members of a
 * Fetch API Request it reads when given the parsed body (the conformance suite and the session
 * tests run through it). A Request itself would also build a body stream, an AbortSignal and a
 * second parse of the URL for every message of a session.
 */
function toWebRequest(ctx: Context): Request {
  const raw = ctx.req.rawHeaders;
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  let url: string;
  try {
    url = new URL(ctx.url, `http://${ctx.get('host') || 'localhost'}`).href;
  } catch {
    url = new URL(ctx.url, 'http://localhost').href;
  }
  return { method: ctx.method, url, headers } as unknown as Request;
}

/**
 * A single tools/call that asked for progress (`_meta.progressToken`): its notifications can only
 * reach the client on an SSE stream, so the SDK's transport answers it with one, not with JSON.
 */
function wantsProgress(body: unknown): boolean {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const { method, params } = body as { method?: unknown; params?: { _meta?: unknown } };
  if (method !== 'tools/call' || params === null || typeof params !== 'object') return false;
  const meta = params._meta as { progressToken?: unknown } | undefined;
  return meta !== null && typeof meta === 'object' && meta.progressToken !== undefined;
}

/** How long a POST's event stream holds its headers for its first event. */
const HEADERS_WAIT_MS = 1000;

/**
 * Copies a Web stream of SSE bytes to the response as it is written, waiting for the socket to
 * drain when its buffer is full. A client that goes away cancels the stream (the transport then
 * forgets it: a session's GET stream can be opened again). Callbacks, not an async function: an idle
 * stream holds one pending read and these closures, not a suspended frame per await.
 */
function copyStream(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  res: ServerResponse,
  logger: Logger,
  { holdsHead = false, onEnd }: { holdsHead?: boolean; onEnd?: () => void } = {},
): void {
  // A head written but not sent (a POST's stream) goes with the first event, in one write, unless
  // that takes longer than HEADERS_WAIT_MS: then the client learns the stream is open.
  const headersDue = holdsHead
    ? setTimeout(() => {
        if (!res.destroyed) res.flushHeaders();
      }, HEADERS_WAIT_MS).unref()
    : undefined;
  const cancel = () => {
    clearTimeout(headersDue);
    reader.cancel().catch(() => {});
    onEnd?.();
  };
  const fail = (error: unknown) => {
    logger.error({ err: error }, 'event stream failed');
    res.destroy();
  };
  const next = () => void reader.read().then(flow, fail);
  const flow = ({ done, value }: { done: boolean; value?: Uint8Array }) => {
    clearTimeout(headersDue);
    if (done) {
      res.off('close', cancel);
      res.end();
      onEnd?.();
    } else if (res.destroyed) cancel();
    else if (res.write(value)) next();
    else res.once('drain', next);
  };
  res.once('close', cancel);
  next();
}

const sessionNotFound = () =>
  new HttpError(
    404,
    'Session not found: it expired or was closed. Start a new session (initialize).',
    {},
    -32001,
  );

/**
 * The one place that bridges Koa and the MCP Streamable HTTP transport (and the only place that
 * sets `ctx.respond = false`). It holds no tool logic.
 */
export function mcpBridge({ buildServer, sessions, endpoint }: BridgeOptions): Step<EndpointState> {
  /**
   * A session's request, through its Web-standard transport. The answer is written here: JSON or
   * an empty 202 at once, an SSE stream (a POST's, or the session's GET stream) as the transport
   * writes it. The GET stream stays open while the session is idle: what it holds is only the
   * socket, the stream and the two callbacks that copy it, not this request's middleware chain.
   */
  const hand = async (
    ctx: Context,
    transport: WebStandardStreamableHTTPServerTransport,
    auth: AuthInfo,
  ) => {
    const response = await transport.handleRequest(toWebRequest(ctx), {
      authInfo: auth,
      parsedBody: ctx.state.body,
    });
    ctx.respond = false;
    const headers: Record<string, string | number> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    if (!response.body || response.headers.get('content-type') !== 'text/event-stream') {
      // JSON (an error) or an empty 202: read whole, sent with its length.
      const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
      if (body) headers['content-length'] = body.length;
      writeHeadWith(ctx, response.status, headers);
      ctx.res.end(body);
      return;
    }
    writeHeadWith(ctx, response.status, headers);
    const reader = response.body.getReader();
    if (ctx.method === 'GET') {
      // A GET stream may wait long for its first event: the client learns at once that it is open.
      ctx.res.flushHeaders();
      copyStream(reader, ctx.res, ctx.state.logger);
    } else {
      // A POST's head goes with its first event (copyStream).
      await new Promise<void>((resolve) =>
        copyStream(reader, ctx.res, ctx.state.logger, { holdsHead: true, onEnd: resolve }),
      );
    }
  };

  /**
   * The SDK's own answer: a `Server` and a Web-standard transport for this one request. A call that
   * asked for progress is streamed as it goes (SSE) and answered here (undefined returned).
   */
  const viaSdk = async (ctx: Context, auth: AuthInfo): Promise<HttpAnswer | undefined> => {
    const { Transport } = await loadSdk();
    const server = await buildServer();
    const stream = wantsProgress(ctx.state.body);
    const transport = new Transport({
      sessionIdGenerator: undefined,
      enableJsonResponse: !stream,
    });
    // A client that goes away before its answer cancels the call. Once the answer is written
    // nothing is left running, and the server and transport are simply dropped: closing them would
    // only build a "connection closed" error (with its stack) for no one.
    ctx.res.once('close', () => {
      if (!ctx.res.writableFinished) void server.close().catch(() => {});
    });
    await server.connect(transport);
    // JSON responses (read whole), except the SSE stream of a call that asked for progress.
    const response = await transport.handleRequest(toWebRequest(ctx), {
      authInfo: auth,
      parsedBody: ctx.state.body,
    });
    const headers: Record<string, string | number> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    if (stream && response.body && response.headers.get('content-type') === 'text/event-stream') {
      ctx.respond = false;
      writeHeadWith(ctx, response.status, headers);
      const reader = response.body.getReader();
      await new Promise<void>((resolve) =>
        copyStream(reader, ctx.res, ctx.state.logger, { holdsHead: true, onEnd: resolve }),
      );
      return undefined;
    }
    const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
    if (body) headers['content-length'] = body.length;
    return { status: response.status, headers, body };
  };

  /** Writes an answer: the head and the parts in one write (end() uncorks). */
  const write = (ctx: Context, answer: HttpAnswer | undefined): void => {
    if (!answer) return;
    ctx.respond = false;
    const { res } = ctx;
    writeHeadWith(ctx, answer.status, answer.headers);
    if (!Array.isArray(answer.body)) {
      res.end(answer.body);
      return;
    }
    res.cork();
    for (const part of answer.body) res.write(part);
    res.end();
  };

  const stateless = (ctx: Context, auth: AuthInfo): Promise<void> => {
    if (ctx.method !== 'POST') {
      throw new HttpError(
        405,
        'Method not allowed: this server is stateless; send JSON-RPC requests with POST.',
        { Allow: 'POST' },
        -32000,
      );
    }
    const sdk = () => viaSdk(ctx, auth).then((answer) => write(ctx, answer));
    if (!endpoint) return sdk();
    return endpoint(new EndpointRequest(ctx, auth)).then((answer) =>
      answer ? write(ctx, answer) : sdk(),
    );
  };

  const stateful = async (ctx: Context, store: SessionStore, auth: AuthInfo) => {
    const id = ctx.get('mcp-session-id');
    const principalFingerprint = ctx.state.principal.fingerprint;
    const { orgId } = ctx.state;
    if (id) {
      const session = store.get(id);
      // Another principal, or another organization (or none), is told what an unknown id is told.
      if (
        !session ||
        session.principalFingerprint !== principalFingerprint ||
        session.orgId !== orgId
      ) {
        throw sessionNotFound();
      }
      ctx.state.sessionId = id;
      await hand(ctx, session.transport, auth);
      return;
    }
    const { Transport, isInitializeRequest } = await loadSdk();
    if (ctx.method !== 'POST' || !isInitializeRequest(ctx.state.body)) {
      throw new HttpError(
        400,
        'Bad request: no Mcp-Session-Id header. Start a session with an initialize request first.',
        {},
        -32000,
      );
    }
    const server = await buildServer();
    // The transport keeps its callbacks for the session's life: they must not hold this request.
    let opening: Context | undefined = ctx;
    const transport: WebStandardStreamableHTTPServerTransport = new Transport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) => {
        if (opening) opening.state.sessionId = sessionId;
        store.add(sessionId, { server, transport, principalFingerprint, orgId });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) store.delete(transport.sessionId);
    };
    ctx.res.once('close', () => {
      if (!transport.sessionId) void server.close().catch(() => {});
    });
    await server.connect(transport);
    try {
      await hand(ctx, transport, auth);
    } finally {
      opening = undefined;
    }
  };

  return (ctx) => {
    const auth = toAuthInfo(new ScopeOf(ctx));
    return sessions ? stateful(ctx, sessions, auth) : stateless(ctx, auth);
  };
}
