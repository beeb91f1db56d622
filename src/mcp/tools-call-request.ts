/**
 * The tools/call request as this server reads it. The SDK's own schema parses `arguments` as a
 * record, which copies it (an own `__proto__` member is lost on the way), fails with an internal
 * error on a non-object, and throws on an own `constructor` member that is not a function. Here
 * `arguments` is left exactly as received, for callTool to screen and name what is wrong with it.
 */
import { ErrorCode, McpError } from './protocol.js';
import { z } from 'zod';

/** Where the handler finds `arguments` exactly as the client sent them (undefined when absent). */
export const RAW_ARGUMENTS = Symbol('tools/call arguments as received');

export interface ToolsCallParams {
  name: string;
  [RAW_ARGUMENTS]: unknown;
  /** Checked by the SDK as it checks any request's `_meta` and `task`; passed on untouched. */
  _meta?: unknown;
  task?: unknown;
}

function toParams(params: unknown): ToolsCallParams {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new McpError(
      ErrorCode.InvalidParams,
      'Invalid params: tools/call needs "params", an object with "name" (the tool) and "arguments".',
    );
  }
  const { name, arguments: raw, _meta, task } = params as Record<string, unknown>;
  if (typeof name !== 'string') {
    throw new McpError(
      ErrorCode.InvalidParams,
      'Invalid params: "params.name" of tools/call must be the name of a tool (a string); tools/list names them.',
    );
  }
  return {
    name,
    [RAW_ARGUMENTS]: raw,
    ...(_meta === undefined ? {} : { _meta }),
    ...(task === undefined ? {} : { task }),
  };
}

export const ToolsCallRequestSchema = z.object({
  method: z.literal('tools/call'),
  params: z.unknown().transform(toParams),
});
