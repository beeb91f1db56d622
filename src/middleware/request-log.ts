import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AppState } from '../app-state.js';
import type { Step } from './steps.js';

/**
 * A request's state, with its logger (the process logger bound to the request id) made when first
 * asked for: most requests log only their one line, written without a child logger (see below).
 */
class RequestState {
  #base: Logger;
  #logger: Logger | undefined;
  constructor(
    base: Logger,
    readonly requestId: string,
  ) {
    this.#base = base;
  }
  get logger(): Logger {
    return (this.#logger ??= this.#base.child({ requestId: this.requestId }));
  }
  set logger(logger: Logger) {
    this.#logger = logger;
  }
}

/**
 * Gives each request an id (echoed as X-Request-Id by security-headers) and writes one log line
 * when it ends.
 */
export function startRequestLog(logger: Logger): Step<AppState> {
  return (ctx) => {
    const started = performance.now();
    const requestId = randomUUID();
    const state = new RequestState(logger, requestId) as unknown as AppState;
    Object.assign(state, ctx.state);
    ctx.state = state;
    // Written a turn after the response closes, as a tool call's line is after its answer
    // (src/mcp/call-tool.ts): the call's line comes first, and neither is on the answer's way.
    ctx.res.on('close', () => setImmediate(line, Math.round(performance.now() - started)));
    const line = (durationMs: number) => {
      // The line a child logger bound to the request id writes, byte for byte: pino writes a
      // child's bindings where the first fields of the object go (test/host/logger.test.ts).
      logger.info({
        requestId,
        msg: 'http request',
        method: ctx.method,
        path: ctx.path,
        status: ctx.res.statusCode,
        durationMs,
        principal: state.principal?.fingerprint,
        org: state.orgId,
        rpcMethod: state.rpcMethod,
        session: state.sessionId,
      });
    };
  };
}
