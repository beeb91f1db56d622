import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ZodError } from 'zod';
import { argumentPath } from './screen-arguments.js';

/**
 * A successful result: compact JSON text, plus structuredContent when the data is an object
 * (arrays are wrapped as `{ results: [...] }`).
 */
export function successResult(data: unknown): CallToolResult {
  if (data === null || data === undefined) {
    return { content: [{ type: 'text', text: '{"ok":true}' }], structuredContent: { ok: true } };
  }
  if (Array.isArray(data)) {
    const structured = { results: data };
    return {
      content: [{ type: 'text', text: JSON.stringify(structured) }],
      structuredContent: structured,
    };
  }
  if (typeof data === 'object') {
    return {
      content: [{ type: 'text', text: JSON.stringify(data) }],
      structuredContent: data as Record<string, unknown>,
    };
  }
  return { content: [{ type: 'text', text: JSON.stringify(data) }] };
}

/** A result the model can act on: what went wrong and what to do. */
export function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** One problem per zod issue (at most ten), each naming the argument. */
export function zodProblems(error: ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => {
    if (issue.code === 'unrecognized_keys')
      return issue.message.replace(/^Unrecognized key\(s\) in object/i, 'unknown argument(s)');
    const message =
      issue.code === 'invalid_type' && issue.received === 'undefined'
        ? 'is required'
        : issue.message;
    return `"${argumentPath(issue.path)}" ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
  });
}

/** Names each invalid argument and what is wrong with it. */
export function invalidArgumentsResult(
  toolName: string,
  problems: readonly string[],
): CallToolResult {
  return errorResult(
    `Invalid arguments for ${toolName}: ${problems.join('; ')}. Nothing was sent to JumpCloud; fix the arguments (see the tool's input schema) and call again.`,
  );
}
