/**
 * Calls to tools a connection may not use are refused before validation or the gate; a refused
 * call to a tool that changes data still leaves an audit record.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { isReadOnlyTool } from '../registry/select.js';
import type { ToolDefinition } from '../registry/types.js';
import { writeAudit } from './audit.js';
import { targetIds } from './guardrails.js';
import { refusal } from './results.js';
import type { UnavailableInput } from './types.js';

export function createRefuseUnavailable({
  tools,
  auditLogger,
}: {
  tools: readonly ToolDefinition[];
  auditLogger: Logger;
}): (input: UnavailableInput) => CallToolResult {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  return ({ name, selection, ctx, args: args_ }) => {
    const reason =
      selection.whyNot(name) ??
      `The tool '${name}' is available; call it again. If this persists, reconnect.`;
    const tool = byName.get(name);
    if (tool && !isReadOnlyTool(tool)) {
      // Arguments are not validated here; only string ids are recorded.
      const args =
        args_ !== null && typeof args_ === 'object' ? (args_ as Record<string, unknown>) : {};
      const kind = tool.target?.kind ?? 'object';
      writeAudit(auditLogger, {
        tool,
        ctx,
        outcome: 'refused',
        reason,
        targets: targetIds(tool, args).map((id) => ({ kind, id })),
        confirmation: 'none',
      });
    }
    return refusal(reason);
  };
}
