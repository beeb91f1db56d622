import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import type { CallContext, ToolDefinition, ToolDeps } from '../registry/types.js';
import type { Elicit, Safety, Selection } from '../safety/types.js';
import { ToolError, UpstreamError } from '../upstream/errors.js';
import type { UpstreamStats } from '../upstream/upstream-fetch.js';
import { errorResult, invalidArgumentsResult, successResult } from './tool-result.js';

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
  rawArgs: unknown;
  selection: Selection;
  safety: Safety;
  ctx: CallContext;
  signal: AbortSignal;
  /** Builds the upstream API bound to this call (credential, org, user agent, timeout, signal). */
  createApi: (stats: UpstreamStats) => unknown;
  elicit?: Elicit;
}

/**
 * tools/call: look the tool up in this connection's selection, validate the arguments, pass the
 * safety gate, run the handler, report the outcome. Everything the model can act on is an isError
 * result; only an internal fault becomes a JSON-RPC error (-32603).
 */
export async function callTool(input: ToolCallInput): Promise<CallToolResult> {
  const { name, selection, ctx } = input;
  const started = performance.now();
  const stats: UpstreamStats = { calls: 0 };
  const log = (logger: Logger, outcome: string, extra: Record<string, unknown> = {}) =>
    logger.info({
      msg: 'tool call',
      tool: name,
      outcome,
      durationMs: Math.round(performance.now() - started),
      upstreamCalls: stats.calls,
      upstreamStatus: stats.lastStatus,
      org: ctx.orgId,
      principal: ctx.principal.fingerprint,
      client: ctx.clientName,
      ...extra,
    });

  const tool = findTool(selection, name);
  if (!tool) {
    log(ctx.logger, 'not-callable');
    return input.safety.refuseUnavailable({ name, selection, ctx, args: input.rawArgs });
  }
  const parsed = tool.input.safeParse(input.rawArgs ?? {});
  if (!parsed.success) {
    log(ctx.logger, 'invalid-arguments');
    const result = invalidArgumentsResult(name, parsed.error);
    const reason = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    input.safety.auditRefusal({ name, ctx, args: input.rawArgs, reason });
    return result;
  }
  const deps: ToolDeps = { api: input.createApi(stats), ctx, signal: input.signal };
  let executed = false;
  let done: ((outcome: { ok: true } | { ok: false; error: string }) => void) | undefined;
  try {
    const decision = await input.safety.gate({
      tool,
      args: parsed.data as Record<string, unknown>,
      deps,
      elicit: input.elicit,
    });
    if (decision.action === 'respond') {
      log(ctx.logger, decision.result.isError ? 'refused' : 'answered-by-gate');
      return decision.result;
    }
    done = decision.done;
    executed = true;
    const data = await tool.handler(decision.args, deps);
    done({ ok: true });
    log(ctx.logger, 'ok');
    return successResult(data);
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
