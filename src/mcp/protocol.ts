/**
 * The MCP SDK's protocol constants and its error class, as the paths that answer without the SDK
 * need them. The SDK's `types.js` builds several hundred zod schemas when it loads (about a tenth
 * of a cold start's CPU), and nothing on the way to the first tools/list needs one of them, so the
 * default start does not load it: these are copies, and `test/host/protocol.test.ts` requires them
 * to equal the SDK's own (values, and the error's code, message, data and name).
 */

/** The protocol revision a server answers with when the client asks for one it does not know. */
export const LATEST_PROTOCOL_VERSION = '2025-11-25';

/** Every revision the SDK speaks, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = [
  LATEST_PROTOCOL_VERSION,
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
  '2024-10-07',
];

/** JSON-RPC and MCP error codes (the SDK's `ErrorCode`). */
export const ErrorCode = {
  ConnectionClosed: -32000,
  RequestTimeout: -32001,
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  UrlElicitationRequired: -32042,
} as const;

/**
 * An error a request handler throws to answer with a JSON-RPC error: the SDK's Protocol (and the
 * stateless endpoint) send its code, message and data. Same message and members as the SDK's
 * `McpError`.
 */
export class McpError extends Error {
  readonly code: number;
  readonly data?: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(`MCP error ${code}: ${message}`);
    this.code = code;
    this.data = data;
    this.name = 'McpError';
  }
}
