/**
 * Refusals the host makes before the gate (a tool outside the connection's selection, arguments
 * that fail validation) still leave an audit record when the tool changes data.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { isReadOnlyTool } from '../registry/select.js';
import type { ToolDefinition } from '../registry/types.js';
import { sameOutcome, writeAudit } from './audit.js';
import { memberRefs, targetIds } from './guardrails.js';
import { errorResult } from '../mcp/tool-result.js';
import type { RefusalInput, UnavailableInput } from './types.js';

export interface Refusals {
  refuseUnavailable(input: UnavailableInput): CallToolResult;
  auditRefusal(input: RefusalInput): void;
}

export function createRefusals({
  tools,
  auditLogger,
}: {
  tools: readonly ToolDefinition[];
  auditLogger: Logger;
}): Refusals {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));

  function auditRefusal({ name, ctx, args, reason }: RefusalInput): void {
    const tool = byName.get(name);
    if (!tool || isReadOnlyTool(tool)) return;
    // The arguments were not validated: only string ids are recorded.
    const record =
      args !== null && typeof args === 'object' ? (args as Record<string, unknown>) : {};
    const kind = tool.target?.kind ?? 'object';
    const targets = [
      ...targetIds(tool, record).map((id) => ({ kind, id })),
      ...memberRefs(tool, record).map(({ kind: k, id, arg }) => ({ kind: k, id, role: arg })),
    ];
    writeAudit(
      auditLogger,
      { tool, ctx, confirmation: 'none' },
      sameOutcome({ targets, outcome: 'refused', reason }),
    );
  }

  function refuseUnavailable({ name, selection, ctx, args }: UnavailableInput): CallToolResult {
    const reason =
      selection.whyNot(name) ??
      `The tool '${name}' is available on this connection; call it again.`;
    auditRefusal({ name, ctx, args, reason });
    return errorResult(reason);
  }

  return { refuseUnavailable, auditRefusal };
}
