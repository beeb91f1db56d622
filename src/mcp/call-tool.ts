import { ErrorCode, McpError } from './protocol.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import type { CallContext, ToolDefinition, ToolDeps } from '../registry/types.js';
import type { CallOutcome, Elicit, Safety, Selection } from '../safety/types.js';
import { ToolError, UpstreamError } from '../upstream/errors.js';
import type { UpstreamStats } from '../upstream/upstream-fetch.js';
import { budgetShare } from './result-budget.js';
import type { ResultOptions } from './result-budget.js';
import { screenArguments } from './screen-arguments.js';
import { errorResult, invalidArgumentsResult, successResult, zodProblems } from './tool-result.js';
import type { CallCancellation } from '../upstream/cancellation.js';

const byName = new WeakMap<Selection, Map<string, ToolDefinition>>();

function findTool(selection: Selection, name: string): ToolDefinition | undefined {
  let map = byName.get(selection);
  if (!map) {
    map = new Map(selection.tools.map((tool) => [tool.name, tool]));
    byName.set(selection, map);
  }
  return map.get(name);
}

export interface ToolCallInput {
  name: string;
  /** `arguments` exactly as the client sent them; undefined when it sent none. */
  rawArgs: unknown;
  selection: Selection;
  safety: Safety;
  ctx: CallContext;
  /** Aborted when the call's client goes away. */
  cancellation: CallCancellation;
  /** Builds the upstream API bound to this call (credential, org, user agent, timeout, cancellation). */
  createApi: (stats: UpstreamStats) => unknown;
  elicit?: Elicit;
  /** Takes the call from the caller's budget of tool calls: why it is refused, or undefined. */
  admit?: () => Promise<string | undefined>;
  /** Hears each call's tool, outcome and duration (metrics). */
  observe?: (event: { tool: string; outcome: string; seconds: number }) => void;
  /** Result format, budget and whether tools list output schemas. */
  results: ResultOptions;
  /** Sends a progress notification, when the client asked for them. */
  progress?: ToolDeps['progress'];
}

/**
 * tools/call: screen the arguments as received (an object, no prototype keys, well-formed text),
 * look the tool up in this connection's selection, validate the arguments, pass the safety gate,
 * run the handler, report the outcome. Everything the model can act on is an isError result;
 * `arguments` that are not an object make a malformed request (JSON-RPC -32602), and only an
 * internal fault becomes -32603.
 */
export async function callTool(input: ToolCallInput): Promise<CallToolResult> {
  const { name, selection, ctx } = input;
  const started = performance.now();
  const stats: UpstreamStats = { calls: 0, retries: 0 };
  const log = (
    logger: Logger,
    outcome: string,
    extra: Record<string, unknown> = {},
    ms = performance.now() - started,
  ) => {
    input.observe?.({ tool: name, outcome, seconds: ms / 1000 });
    logger.info({
      msg: 'tool call',
      tool: name,
      outcome,
      durationMs: Math.round(ms),
      upstreamCalls: stats.calls,
      upstreamStatus: stats.lastStatus,
      retries: stats.retries,
      org: ctx.orgId,
      principal: ctx.principal.fingerprint,
      client: ctx.clientName,
      ...extra,
    });
  };

  const overBudget = await input.admit?.();
  if (overBudget) {
    log(ctx.logger, 'rate-limited');
    input.safety.auditRefusal({ name, ctx, args: input.rawArgs, reason: overBudget });
    return errorResult(overBudget);
  }

  const screen = screenArguments(name, input.rawArgs);
  if (!screen.ok && 'malformed' in screen) {
    log(ctx.logger, 'malformed-arguments');
    input.safety.auditRefusal({ name, ctx, args: input.rawArgs, reason: screen.malformed });
    throw new McpError(ErrorCode.InvalidParams, screen.malformed);
  }
  const tool = findTool(selection, name);
  if (!tool) {
    log(ctx.logger, 'not-callable');
    return input.safety.refuseUnavailable({ name, selection, ctx, args: input.rawArgs });
  }
  const parsed = screen.ok ? tool.input.safeParse(screen.args) : undefined;
  if (!parsed?.success) {
    log(ctx.logger, 'invalid-arguments');
    const problems = screen.ok
      ? zodProblems(parsed!.error, Object.keys(tool.inputSchema.properties ?? {}))
      : screen.problems;
    const result = invalidArgumentsResult(name, problems);
    const reason = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    input.safety.auditRefusal({ name, ctx, args: input.rawArgs, reason });
    return result;
  }
  const deps: ToolDeps = {
    api: input.createApi(stats),
    ctx,
    // Made when first read: a call whose handler only calls the API (bound to the cancellation
    // already) makes no AbortSignal.
    get signal() {
      return input.cancellation.signal;
    },
    resultShare: (data) => budgetShare({ data, options: input.results }),
    ...(input.progress ? { progress: input.progress } : {}),
  };
  let executed = false;
  let done: ((outcome: CallOutcome) => void) | undefined;
  try {
    const decision = await input.safety.gate({
      tool,
      args: parsed.data as Record<string, unknown>,
      deps,
      elicit: input.elicit,
    });
    if (decision.action === 'respond') {
      const previewed = decision.result.structuredContent?.status === 'confirmation_required';
      log(
        ctx.logger,
        decision.result.isError ? 'refused' : previewed ? 'previewed' : 'answered-by-gate',
      );
      return decision.result;
    }
    done = decision.done;
    if (decision.targets) deps.targets = decision.targets;
    executed = true;
    const data = await tool.handler(decision.args, deps);
    done({ ok: true, result: data });
    const result = successResult({ data, tool, args: decision.args, options: input.results });
    // The answer is written first, then the call's log line and metrics: they are not on the way
    // to the client. The duration is the call's, up to its result.
    const ms = performance.now() - started;
    setImmediate(() => log(ctx.logger, 'ok', {}, ms));
    return result;
  } catch (error) {
    if (error instanceof ToolError) {
      done?.({ ok: false, error: error.message });
      const incident = error instanceof UpstreamError && error.isIncident;
      log(ctx.logger, 'tool-error', { incident, failure: (error as UpstreamError).failure });
      return errorResult(error.message);
    }
    done?.({ ok: false, error: 'internal error' });
    log(ctx.logger, 'internal-error', { executed });
    ctx.logger.error({ err: error, tool: name }, 'tool call failed with an internal error');
    throw new McpError(
      ErrorCode.InternalError,
      `Internal error while running ${name}; the server logged it under request id ${ctx.requestId}.`,
    );
  }
}
