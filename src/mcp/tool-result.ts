import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ZodError } from 'zod';
import type { ToolDefinition } from '../registry/types.js';
import { isMultiTargetResult } from '../safety/outcomes.js';
import { fitToBudget } from './result-budget.js';
import { fillResultTemplate } from './result-template.js';
import { suggestArgument } from './tolerant-args.js';
import type { ResultOptions } from './result-budget.js';

/** What a successful call returned, and what the result may carry. */
export interface SuccessInput {
  data: unknown;
  tool: Pick<ToolDefinition, 'name' | 'inputSchema' | 'outputSchema' | 'result'>;
  args: Record<string, unknown>;
  options: ResultOptions;
}

/** How to get what a cut result left out, from the arguments the tool takes. */
function continuation(tool: SuccessInput['tool'], args: Record<string, unknown>, shown: number) {
  const properties = tool.inputSchema.properties ?? {};
  if ('skip' in properties) {
    const skip = (typeof args.skip === 'number' ? args.skip : 0) + shown;
    return `For the rest, call ${tool.name} again with the same arguments and "skip": ${skip}.`;
  }
  return `Narrow the request (${'limit' in properties ? 'a smaller limit, ' : ''}more specific arguments) to see the rest.`;
}

/**
 * A successful result: the data as text in the configured format, within the result budget, and
 * as structuredContent only when the tool lists an output schema (data is sent once otherwise).
 */
export function successResult({ data, tool, args, options }: SuccessInput): CallToolResult {
  // A call on several objects reports each one's outcome; the one-object sentence does not fit it.
  if (tool.result !== undefined && !isMultiTargetResult(data)) {
    // A changing tool says what happened; the upstream answer (often "" or a raw record) is not sent.
    const text = fillResultTemplate({ template: tool.result, args, data });
    return { content: [{ type: 'text', text }] };
  }
  // A bare array is reported as `{ results: [...] }`, as V1 lists are.
  const value =
    data === null || data === undefined || data === ''
      ? { ok: true }
      : Array.isArray(data)
        ? { results: data }
        : data;
  const fitted = fitToBudget({ data: value, options });
  const result: CallToolResult = { content: [{ type: 'text', text: fitted.text }] };
  // What was left out goes in a block of its own, so the first stays valid JSON in the json format.
  if (fitted.cut) {
    const what = fitted.cut.key ?? 'items';
    result.content.push({
      type: 'text',
      text: `Stopped after ${fitted.cut.shown} of ${fitted.cut.total} ${what} at the result budget (${options.budgetTokens} tokens). ${continuation(tool, args, fitted.cut.shown)}`,
    });
  } else if (fitted.truncated) {
    result.content.push({
      type: 'text',
      text: `Cut at the result budget (${options.budgetTokens} tokens).`,
    });
  }
  if (
    options.outputSchemas &&
    tool.outputSchema &&
    typeof fitted.data === 'object' &&
    fitted.data !== null
  ) {
    result.structuredContent = fitted.data as Record<string, unknown>;
  }
  return result;
}

/** A result the model can act on: what went wrong and what to do. */
export function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

function argumentPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'arguments';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`,
    )
    .join('');
}

/** Names each invalid argument and what is wrong with it; an unknown one gets a "did you mean". */
/**
 * What is wrong with each argument zod refused (at most 10), with a "did you mean" for an unknown
 * argument close to one the tool takes.
 */
export function zodProblems(error: ZodError, knownArgs: readonly string[] = []): string[] {
  return error.issues.slice(0, 10).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const hints = issue.keys.flatMap((k) => {
        const known = suggestArgument(k, knownArgs);
        return known ? [`did you mean "${known}" for "${k}"?`] : [];
      });
      return `${issue.message.replace(/^Unrecognized key\(s\) in object/i, 'unknown argument(s)')}${hints.length > 0 ? ` (${hints.join('; ')})` : ''}`;
    }
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
