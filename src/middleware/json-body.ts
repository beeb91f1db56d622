import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import type { ParameterizedContext } from 'koa';
import type { AppState } from '../app-state.js';
import { HttpError } from './http-error.js';
import type { Step } from './steps.js';

/** Arrays and objects nested deeper than this are refused before anything walks them. */
export const MAX_JSON_DEPTH = 64;
/** Messages in one JSON-RPC batch, under the protocol revisions that have batches. */
export const MAX_BATCH_MESSAGES = 10;
/** The first MCP protocol revision without JSON-RPC batching. */
const FIRST_REVISION_WITHOUT_BATCHES = '2025-06-18';
const REVISION = /^\d{4}-\d{2}-\d{2}$/;

type JsonPath = Array<string | number>;

/** `params.arguments.search_after`: the path to the argument, not to every level below it. */
function pathText(path: JsonPath): string {
  const argumentsAt = path.indexOf('arguments');
  const shown = argumentsAt >= 0 ? path.slice(0, argumentsAt + 2) : path.slice(0, 3);
  return shown
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`,
    )
    .join('');
}

/** The path to the first value nested deeper than `limit`, or undefined. Iterative: no recursion. */
function tooDeep(root: unknown, limit: number): JsonPath | undefined {
  interface Node {
    value: unknown;
    depth: number;
    key?: string | number;
    parent?: Node;
  }
  const stack: Node[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { value } = node;
    if (value === null || typeof value !== 'object') continue;
    const depth = node.depth + 1;
    if (depth > limit) {
      const path: JsonPath = [];
      for (let at: Node | undefined = node; at?.key !== undefined; at = at.parent)
        path.unshift(at.key);
      return path;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value);
    for (const [key, item] of entries) {
      if (item !== null && typeof item === 'object')
        stack.push({ value: item, depth, key, parent: node });
    }
  }
  return undefined;
}

/** Whether `text` holds more than `limit` opening brackets, `[` or `{`. */
function mayBeTooDeep(text: string, limit: number): boolean {
  let opening = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code === 0x5b || code === 0x7b) && ++opening > limit) return true;
  }
  return false;
}

/**
 * Parses a POST body as JSON-RPC: a parse error, a batch the negotiated protocol revision does not
 * have (or one of more than MAX_BATCH_MESSAGES messages), and nesting deeper than MAX_JSON_DEPTH
 * are refused with an HttpError that says what to send instead. Nothing has read the body yet.
 */
export function parseJsonRpcBody({
  text,
  protocolVersion,
}: {
  text: string;
  /** The MCP-Protocol-Version header, if the request had one. */
  protocolVersion?: string;
}): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Parse error: the request body is not valid JSON.', {}, -32700);
  }
  if (Array.isArray(body)) {
    if (
      protocolVersion &&
      REVISION.test(protocolVersion) &&
      protocolVersion >= FIRST_REVISION_WITHOUT_BATCHES
    ) {
      throw new HttpError(
        400,
        `Invalid Request: a JSON-RPC batch (an array of messages) is not part of MCP protocol revision ${protocolVersion}, which this request names in MCP-Protocol-Version; batches were removed in ${FIRST_REVISION_WITHOUT_BATCHES}. Send one JSON-RPC message per POST.`,
      );
    }
    if (body.length === 0) {
      throw new HttpError(
        400,
        'Invalid Request: an empty batch holds no message; send at least one JSON-RPC message.',
      );
    }
    if (body.length > MAX_BATCH_MESSAGES) {
      throw new HttpError(
        400,
        `Invalid Request: the batch holds ${body.length} messages; this server takes at most ${MAX_BATCH_MESSAGES} per POST. Send smaller batches, or one JSON-RPC message per POST.`,
      );
    }
  }
  // Nesting deeper than the limit takes more opening brackets than that (in strings or not).
  const deep = mayBeTooDeep(text, MAX_JSON_DEPTH) ? tooDeep(body, MAX_JSON_DEPTH) : undefined;
  if (deep) {
    const inParams = deep[0] === 'params' || deep[1] === 'params';
    throw new HttpError(
      400,
      `${inParams ? 'Invalid params' : 'Invalid Request'}: ${pathText(deep)} nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep (counted from the message); this server reads at most ${MAX_JSON_DEPTH}. Send a flatter value.`,
      {},
      inParams ? -32602 : -32600,
    );
  }
  return body;
}

/** The body could not be read (an aborted or short request, a stream error). */
const UNREADABLE = 'unreadable';
/** The body is longer than the limit (by its Content-Length, or as it arrives). */
const TOO_LARGE = 'too large';

/**
 * The request body as UTF-8 text, as raw-body reads it with `encoding: 'utf8'` (what this step
 * used before): at most `limit` bytes (TOO_LARGE beyond, before reading when Content-Length says
 * so), exactly Content-Length bytes when given (UNREADABLE otherwise), malformed UTF-8 decoded to
 * U+FFFD as Node's StringDecoder does, a leading byte order mark dropped (iconv-lite's decoder
 * strips it). On refusal the stream is paused, as raw-body leaves it.
 * `test/host/json-body.test.ts` holds it to raw-body on a corpus of bodies and chunkings.
 */
export function readBodyText(
  req: IncomingMessage,
  limit: number,
  contentLength: string | undefined,
): Promise<string> {
  const length =
    contentLength !== undefined && !isNaN(contentLength as unknown as number)
      ? parseInt(contentLength, 10)
      : null;
  return new Promise((resolve, reject) => {
    let received = 0;
    let first: Buffer | undefined;
    let more: Buffer[] | undefined;
    const listeners = {
      data(chunk: Buffer) {
        received += chunk.length;
        if (received > limit) refuse(TOO_LARGE);
        else if (first === undefined) first = chunk;
        else (more ??= []).push(chunk);
      },
      end(error?: unknown) {
        if (error !== undefined || (length !== null && received !== length))
          return refuse(UNREADABLE);
        stopListening();
        let text: string;
        if (first === undefined) text = '';
        else if (more === undefined) text = first.toString('utf8');
        else {
          const decoder = new StringDecoder('utf8');
          text = decoder.write(first);
          for (const chunk of more) text += decoder.write(chunk);
          text += decoder.end();
        }
        resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      },
      // A request that closes before its end was cut off (aborted, or destroyed).
      close: () => refuse(UNREADABLE),
    };
    const stopListening = () => {
      req.off('close', listeners.close);
      req.off('data', listeners.data);
      req.off('end', listeners.end);
      req.off('error', listeners.end);
    };
    const refuse = (reason: string) => {
      stopListening();
      req.unpipe();
      req.pause();
      reject(new Error(reason));
    };
    if (length !== null && length > limit) return refuse(TOO_LARGE);
    if (req.readable === false) return refuse(UNREADABLE);
    req.on('close', listeners.close);
    req.on('data', listeners.data);
    req.on('end', listeners.end);
    req.on('error', listeners.end);
  });
}

/** Whether the request has a body of type application/json, as Koa's `ctx.is` answers. */
function isJson(ctx: ParameterizedContext<AppState>): boolean {
  const { headers } = ctx.req;
  // What every MCP client sends, answered without parsing it; anything else as Koa answers it.
  if (
    headers['content-type'] === 'application/json' &&
    (headers['transfer-encoding'] !== undefined ||
      !isNaN(headers['content-length'] as unknown as number))
  )
    return true;
  return Boolean(ctx.is('application/json'));
}

/**
 * Reads a POST body up to `limit` bytes (413 beyond) and parses it as JSON-RPC (see
 * parseJsonRpcBody). Puts the value on `ctx.state.body`.
 */
export function jsonBody(limit: number): Step<AppState> {
  const parse = (ctx: ParameterizedContext<AppState>, text: string) => {
    const body = parseJsonRpcBody({
      text,
      protocolVersion: (ctx.req.headers['mcp-protocol-version'] as string | undefined) || undefined,
    });
    ctx.state.body = body;
    if (
      body &&
      typeof body === 'object' &&
      typeof (body as { method?: unknown }).method === 'string'
    )
      ctx.state.rpcMethod = (body as { method: string }).method;
  };
  const unread = (caught: unknown): never => {
    if ((caught as Error).message === TOO_LARGE) {
      throw new HttpError(413, `Payload too large: requests are limited to ${limit} bytes.`);
    }
    throw new HttpError(400, 'Bad request: the request body could not be read.');
  };
  return (ctx) => {
    if (ctx.method !== 'POST') return;
    if (!isJson(ctx)) {
      throw new HttpError(
        415,
        'Unsupported Media Type: Content-Type must be application/json.',
        {},
        -32000,
      );
    }
    return readBodyText(ctx.req, limit, ctx.req.headers['content-length'] || undefined).then(
      (text) => parse(ctx, text),
      unread,
    );
  };
}
