import type { ParameterizedContext } from 'koa';
import type { EndpointState } from '../app-state.js';
import type { Caller, ClientMemory } from '../mcp/client-memory.js';
import type { Step } from './steps.js';

type Context = ParameterizedContext<EndpointState>;

/** The clientInfo name of an `initialize` request, when the body is one. */
function initializeClientName(body: unknown): string | undefined {
  const message = body as { method?: unknown; params?: { clientInfo?: { name?: unknown } } };
  if (typeof body !== 'object' || body === null || message.method !== 'initialize')
    return undefined;
  const name = message.params?.clientInfo?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Stateless mode only: an `initialize` leaves its client's name in the memory, and a later
 * `tools/call` of the same caller (principal, User-Agent, address) gets it as
 * `ctx.state.clientInfoName`, so upstream requests, logs and audit name the client even when its
 * User-Agent says only `node`. The store failing costs the name, never the request.
 */
export function clientName(memory: ClientMemory): Step<EndpointState> {
  const unavailable = (ctx: Context) => (error: unknown) => {
    ctx.state.logger.warn({ err: error }, 'client name memory unavailable');
  };
  return (ctx) => {
    const initialize = initializeClientName(ctx.state.body);
    // Only an initialize and a tools/call use the memory; nothing else waits for it.
    if (initialize === undefined && ctx.state.rpcMethod !== 'tools/call') return undefined;
    const caller: Caller = {
      fingerprint: ctx.state.principal.fingerprint,
      userAgent: ctx.get('user-agent') || undefined,
      ip: ctx.ip || undefined,
    };
    if (initialize !== undefined)
      return memory.remember(caller, initialize).catch(unavailable(ctx));
    // A name this process read lately is taken at once, without a promise.
    const known = memory.recall(caller);
    if (!(known instanceof Promise)) {
      ctx.state.clientInfoName = known;
      return undefined;
    }
    return known.then((name) => {
      ctx.state.clientInfoName = name;
    }, unavailable(ctx));
  };
}
