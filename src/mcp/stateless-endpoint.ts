import type { Selection } from '../safety/types.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './protocol.js';
import type { RequestScope } from './request-scope.js';
import {
  INSTRUCTIONS,
  SERVER_CAPABILITIES,
  SERVER_INFO,
  answerToolCall,
  listedTools,
} from './tool-answers.js';
import type { McpServerOptions } from './tool-answers.js';
import type { CallCancellation } from '../upstream/cancellation.js';

/** An HTTP answer, written as it is. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | number>;
  /** The body, or its parts in order (sent in one write, never joined in memory). */
  body?: Buffer | readonly Buffer[];
}

export interface StatelessRequest {
  /** Node's raw header list (name, value, name, value, ...). */
  rawHeaders: readonly string[];
  /** The JSON body as parsed by the body middleware. */
  body: unknown;
  scope: RequestScope;
  /** Aborted when the client goes away before its answer. */
  cancellation: CallCancellation;
}

/**
 * Answers a stateless request, or returns undefined to leave it to the SDK's `Server` and
 * transport. Returns undefined for anything but one well-formed request or notification
 * (batches, responses, logging/setLevel, unknown methods, params the SDK would check or refuse,
 * and headers the SDK's transport refuses), so every answer it gives is the SDK's own answer, byte
 * for byte: `test/host/stateless-endpoint.test.ts` sends one corpus through both. A
 * tools/call with `_meta` is left to the SDK too: one that asks for progress is answered there as
 * an SSE stream that carries its notifications/progress (src/mcp/koa-bridge.ts).
 */
export type StatelessEndpoint = (request: StatelessRequest) => Promise<HttpAnswer | undefined>;

const JSON_HEADERS = { 'content-type': 'application/json' } as const;
const ACCEPTED: HttpAnswer = { status: 202, headers: {} };

type Message = Record<string, unknown>;

const REQUEST_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const NOTIFICATION_KEYS = new Set(['jsonrpc', 'method', 'params']);
const CALL_PARAM_KEYS = new Set(['name', 'arguments']);
const INITIALIZE_PARAM_KEYS = new Set(['protocolVersion', 'capabilities', 'clientInfo']);
const CLIENT_INFO_TEXT_KEYS = new Set(['title', 'websiteUrl', 'description']);

function isPlainObject(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Message, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

/** What `Headers.get` answers: every value of the header, joined with ", ", or null. */
function headerValue(rawHeaders: readonly string[], name: string): string | null {
  let value: string | null = null;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const key = rawHeaders[i]!;
    if (key.length === name.length && key.toLowerCase() === name) {
      value = value === null ? rawHeaders[i + 1]! : `${value}, ${rawHeaders[i + 1]!}`;
    }
  }
  return value;
}

/** The header checks of the SDK's transport, where they pass; anything else is left to it. */
function headersPass(rawHeaders: readonly string[]): boolean {
  const accept = headerValue(rawHeaders, 'accept');
  if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) return false;
  const type = headerValue(rawHeaders, 'content-type');
  if (type !== 'application/json' && type?.toLowerCase() !== 'application/json; charset=utf-8')
    return false;
  const version = headerValue(rawHeaders, 'mcp-protocol-version');
  return version === null || SUPPORTED_PROTOCOL_VERSIONS.includes(version);
}

/** What the SDK's capability schemas accept where they ask for "an object": anything but null. */
function isObjectLike(value: unknown): boolean {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

/** A plain object whose members named in `objects` (those present) are object-like. */
function objectWith(value: unknown, objects: readonly string[]): value is Message {
  return (
    isPlainObject(value) && objects.every((key) => !(key in value) || isObjectLike(value[key]))
  );
}

/** A record (a plain object) of object-like values. */
function recordOfObjects(value: unknown): boolean {
  return isPlainObject(value) && Object.values(value).every(isObjectLike);
}

/**
 * Capabilities the SDK's ClientCapabilitiesSchema surely accepts (members it does not know are
 * dropped there, and ignored here). Anything this does not recognize is left to the SDK, which
 * accepts or refuses it in its own words.
 */
function capabilitiesPass(capabilities: unknown): boolean {
  if (!isPlainObject(capabilities)) return false;
  const { experimental, sampling, elicitation, roots, tasks, extensions } = capabilities;
  if (experimental !== undefined && !recordOfObjects(experimental)) return false;
  if (extensions !== undefined && !recordOfObjects(extensions)) return false;
  if (sampling !== undefined && !objectWith(sampling, ['context', 'tools'])) return false;
  if (roots !== undefined) {
    if (!isPlainObject(roots)) return false;
    if (roots.listChanged !== undefined && typeof roots.listChanged !== 'boolean') return false;
  }
  if (elicitation !== undefined) {
    if (!objectWith(elicitation, ['url'])) return false;
    const { form } = elicitation;
    if (form !== undefined) {
      if (!isPlainObject(form)) return false;
      if (form.applyDefaults !== undefined && typeof form.applyDefaults !== 'boolean') return false;
    }
  }
  if (tasks !== undefined) {
    if (!objectWith(tasks, ['list', 'cancel'])) return false;
    const { requests } = tasks;
    if (requests !== undefined) {
      if (!isPlainObject(requests)) return false;
      const { sampling: asks, elicitation: elicits } = requests;
      if (asks !== undefined && !objectWith(asks, ['createMessage'])) return false;
      if (elicits !== undefined && !objectWith(elicits, ['create'])) return false;
    }
  }
  return true;
}

/** `clientInfo` the SDK's ImplementationSchema surely accepts: name, version and plain texts. */
function clientInfoPasses(info: unknown): boolean {
  if (!isPlainObject(info)) return false;
  if (typeof info.name !== 'string' || typeof info.version !== 'string') return false;
  for (const key in info) {
    if (key === 'name' || key === 'version') continue;
    if (!CLIENT_INFO_TEXT_KEYS.has(key) || typeof info[key] !== 'string') return false;
  }
  return true;
}

/** initialize params the SDK's InitializeRequestSchema surely accepts (no `_meta`, no icons). */
function initializePasses(params: unknown): params is { protocolVersion: string } {
  return (
    isPlainObject(params) &&
    onlyKeys(params, INITIALIZE_PARAM_KEYS) &&
    typeof params.protocolVersion === 'string' &&
    capabilitiesPass(params.capabilities) &&
    clientInfoPasses(params.clientInfo)
  );
}

function isRequestId(id: unknown): id is string | number {
  return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id));
}

function jsonAnswer(text: string): HttpAnswer {
  const body = Buffer.from(text);
  return { status: 200, headers: { ...JSON_HEADERS, 'content-length': body.length }, body };
}

/** The answer the SDK's Protocol gives a handler that threw. */
function errorAnswer(id: string | number, error: unknown): HttpAnswer {
  const fault = error as { code?: unknown; message?: string; data?: unknown };
  return jsonAnswer(
    JSON.stringify({
      jsonrpc: '2.0',
      id,
      error: {
        code: Number.isSafeInteger(fault.code) ? fault.code : -32603,
        message: fault.message ?? 'Internal error',
        ...(fault.data !== undefined && { data: fault.data }),
      },
    }),
  );
}

/**
 * The stateless MCP endpoint without a `Server` per request: initialize as the SDK's `Server`
 * answers it (the requested revision when it speaks it, else its latest), tools/list from bytes
 * computed once per tool selection, tools/call through the same `answerToolCall` the SDK path uses,
 * ping and notifications answered directly.
 */
export function createStatelessEndpoint(options: McpServerOptions): StatelessEndpoint {
  const outputSchemas = options.outputSchemas ?? false;
  /** initialize's result without its protocol version: `,"capabilities":...}`. */
  const initializeRest = JSON.stringify({
    capabilities: SERVER_CAPABILITIES,
    serverInfo: SERVER_INFO,
    instructions: INSTRUCTIONS,
  }).slice(1);

  const initialize = (requested: string, id: string | number): HttpAnswer => {
    const version = SUPPORTED_PROTOCOL_VERSIONS.includes(requested)
      ? requested
      : LATEST_PROTOCOL_VERSION;
    const result = `{"protocolVersion":${JSON.stringify(version)},${initializeRest}`;
    return jsonAnswer(`{"result":${result},"jsonrpc":"2.0","id":${JSON.stringify(id)}}`);
  };
  /** `{"result":{"tools":[...]},"jsonrpc":"2.0","id":` per selection; the id and `}` follow. */
  const listPrefix = new WeakMap<Selection, Buffer>();

  const toolsList = (selection: Selection, id: string | number): HttpAnswer => {
    let prefix = listPrefix.get(selection);
    if (!prefix) {
      const result = JSON.stringify(listedTools(selection, outputSchemas));
      prefix = Buffer.from(`{"result":${result},"jsonrpc":"2.0","id":`);
      listPrefix.set(selection, prefix);
    }
    const rest = Buffer.from(`${JSON.stringify(id)}}`);
    return {
      status: 200,
      headers: {
        'content-type': 'application/json',
        'content-length': prefix.length + rest.length,
      },
      body: [prefix, rest],
    };
  };

  const toolsCall = async (
    request: StatelessRequest,
    id: string | number,
    params: Message,
  ): Promise<HttpAnswer> => {
    try {
      const result = await answerToolCall({
        options,
        scope: request.scope,
        name: params.name as string,
        args: params.arguments,
        cancellation: request.cancellation,
      });
      return jsonAnswer(JSON.stringify({ result, jsonrpc: '2.0', id }));
    } catch (error) {
      return errorAnswer(id, error);
    }
  };

  return async (request) => {
    const message = request.body;
    if (!isPlainObject(message) || message.jsonrpc !== '2.0') return undefined;
    if (typeof message.method !== 'string' || !headersPass(request.rawHeaders)) return undefined;
    const { method, params } = message;
    if (!('id' in message)) {
      // A notification (initialized, cancelled, ...): accepted, as the SDK accepts every one.
      const plain = params === undefined || (isPlainObject(params) && !('_meta' in params));
      return plain && onlyKeys(message, NOTIFICATION_KEYS) ? ACCEPTED : undefined;
    }
    const { id } = message;
    if (!isRequestId(id) || !onlyKeys(message, REQUEST_KEYS)) return undefined;
    const noParams =
      params === undefined || (isPlainObject(params) && Object.keys(params).length === 0);
    if (method === 'tools/list' && noParams) return toolsList(request.scope.selection, id);
    if (method === 'initialize' && initializePasses(params)) {
      return initialize(params.protocolVersion, id);
    }
    if (method === 'ping' && params === undefined) {
      return jsonAnswer(JSON.stringify({ result: {}, jsonrpc: '2.0', id }));
    }
    if (
      method === 'tools/call' &&
      isPlainObject(params) &&
      onlyKeys(params, CALL_PARAM_KEYS) &&
      typeof params.name === 'string' &&
      (params.arguments === undefined || isPlainObject(params.arguments))
    ) {
      return toolsCall(request, id, params);
    }
    return undefined;
  };
}
