/** Tool results the gate answers with instead of running a handler. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export const NOTHING_DONE = 'Nothing was done.';

export function refusal(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
