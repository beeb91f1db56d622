/**
 * Tool results the gate answers with instead of running a handler. A refusal is the one error
 * result of src/mcp/tool-result.ts under the name the safety layer reads best.
 */
export { errorResult as refusal } from '../mcp/tool-result.js';

export const NOTHING_DONE = 'Nothing was done.';
