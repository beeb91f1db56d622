/** Reading tool results and the sandbox's request log the way every suite does. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CONFIRMATION_TOKEN_ARG } from '../../src/safety/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';

/** The text content of a result, parts joined by newlines. */
export function text(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

/** The structured content of a successful result (its JSON text when it has none). */
export function data<T = Record<string, unknown>>(result: CallToolResult): T {
  // The first block: a second one may say where a cut list goes on.
  const first = result.content[0];
  return (result.structuredContent ??
    JSON.parse(first?.type === 'text' ? first.text : 'null')) as T;
}

/** The confirmation token a preview carries; throws with the result's text when there is none. */
export function tokenIn(result: CallToolResult): string {
  const match = new RegExp(`"${CONFIRMATION_TOKEN_ARG}": "([^"]+)"`).exec(text(result));
  if (!match?.[1]) throw new Error(`no confirmation token in: ${text(result)}`);
  return match[1];
}

/** `args` with the confirmation token of `preview`: the second call of a confirmed action. */
export function withToken(
  args: Record<string, unknown>,
  preview: CallToolResult,
): Record<string, unknown> {
  return { ...args, [CONFIRMATION_TOKEN_ARG]: tokenIn(preview) };
}

/** Requests that change something: anything but GET. */
export function mutations(sandbox: Sandbox) {
  return sandbox.requests.filter((r) => r.method !== 'GET');
}
