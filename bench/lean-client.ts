/**
 * Closed-loop load from lean Streamable HTTP clients: the same calls as the SDK's clients
 * (bench/client-load.ts), made with a fraction of their work per call, so that the servers and the
 * upstream, not the load generator, set the pace. Each client keeps its connections (undici), opens
 * a session when the server gives one (initialize, notifications/initialized, Mcp-Session-Id on
 * every request, and the session's GET stream when the server has one), and reads each answer the
 * way the transport says: a JSON body, an SSE stream on the POST's answer, or, after a 202, the
 * session's GET stream. A result is parsed from JSON and must be the JSON-RPC result for the call's
 * id, with a content list and no isError; it is not validated against the protocol's schemas as the
 * SDK client validates it.
 */
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { createParser } from 'eventsource-parser';
import type { EventSourceParser } from 'eventsource-parser';
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import { connectPool, pingUntilAnswered, throwIfToolError } from './client-load.js';
import type { ClientPool, ClientTarget } from './client-load.js';
import { CLIENT_INFO } from './mcp.js';

interface RpcMessage {
  jsonrpc?: string;
  id?: number | string;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
}

/** How long a call waits for its answer before it counts as failed. */
const ANSWER_TIMEOUT_MS = 30_000;

type Pending = { resolve: (message: RpcMessage) => void; reject: (error: Error) => void };

/** The JSON messages of an SSE stream, one per event, however the stream is cut (eventsource-parser). */
export class SseMessages {
  private readonly parser: EventSourceParser;

  constructor(onMessage: (message: RpcMessage) => void) {
    this.parser = createParser({
      onEvent: (event) => {
        if (event.data !== '') onMessage(JSON.parse(event.data) as RpcMessage);
      },
    });
  }

  push(text: string): void {
    this.parser.feed(text);
  }
}

/** One lean client: its connections, its session (if the server keeps one), its pending calls. */
class LeanClient {
  private readonly pool: Pool;
  private readonly path: string;
  private sessionId: string | undefined;
  private protocolVersion = LATEST_PROTOCOL_VERSION;
  private nextId = 1;
  /** Calls answered with a 202, waiting for their answer on the GET stream. */
  private readonly waiting = new Map<number | string, Pending>();
  /** The session's GET stream, once opened. */
  private stream: Promise<Dispatcher.ResponseData> | undefined;

  constructor(
    url: string,
    private readonly headers: Record<string, string>,
  ) {
    const target = new URL(url);
    this.path = `${target.pathname}${target.search}`;
    // One connection for the session's GET stream, one for the calls.
    this.pool = new Pool(target.origin, { connections: 2 });
  }

  private requestHeaders(): Record<string, string> {
    return {
      ...this.headers,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': this.protocolVersion,
      ...(this.sessionId ? { 'mcp-session-id': this.sessionId } : {}),
    };
  }

  /**
   * The answer to request `id` on the session's GET stream, waited for from before its POST (it may
   * come before the POST's 202 is read); `cancel` stops waiting when the POST answers instead.
   */
  private streamedAnswer(id: number | string, method: string | undefined, timeoutMs: number) {
    let cancel = () => {};
    const answer = new Promise<RpcMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${method} ${id}: no answer on the session's stream in ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.waiting.delete(id);
      };
      this.waiting.set(id, {
        resolve: (message) => (settle(), resolve(message)),
        reject: (error) => (settle(), reject(error)),
      });
      cancel = settle;
    });
    return { answer, cancel };
  }

  /** POSTs one message; for a request, its answer by whichever way the server gives it. */
  private async post(
    message: RpcMessage,
    timeoutMs = ANSWER_TIMEOUT_MS,
  ): Promise<{ message?: RpcMessage; session?: string }> {
    const streamed =
      this.stream && message.id !== undefined
        ? this.streamedAnswer(message.id, message.method, timeoutMs)
        : undefined;
    const response = await this.pool
      .request({
        method: 'POST',
        path: this.path,
        headers: this.requestHeaders(),
        body: JSON.stringify(message),
        headersTimeout: ANSWER_TIMEOUT_MS,
        bodyTimeout: ANSWER_TIMEOUT_MS,
      })
      .catch((error: unknown) => {
        streamed?.cancel();
        throw error;
      });
    const session = response.headers['mcp-session-id'];
    const sessionId = typeof session === 'string' ? session : undefined;
    if (response.statusCode === 202) {
      await response.body.dump();
      if (message.id === undefined) return {};
      if (!streamed) throw new Error(`${message.method} was accepted with no stream to answer on`);
      return { message: await streamed.answer };
    }
    streamed?.cancel();
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      throw new Error(
        `${message.method} answered HTTP ${response.statusCode}: ${text.slice(0, 200)}`,
      );
    }
    const type = String(response.headers['content-type'] ?? '');
    if (!type.startsWith('text/event-stream')) {
      return { message: JSON.parse(text) as RpcMessage, session: sessionId };
    }
    let answer: RpcMessage | undefined;
    const events = new SseMessages((event) => {
      if (event.id === message.id && event.method === undefined) answer = event;
    });
    // A stream that ends inside an event drops that event, as EventSource does.
    events.push(text);
    if (!answer) throw new Error(`${message.method}: the event stream held no answer`);
    return { message: answer, session: sessionId };
  }

  /** initialize and notifications/initialized; the GET stream when the server has sessions. */
  async connect(): Promise<void> {
    const { message, session } = await this.post({
      jsonrpc: '2.0',
      id: this.nextId++,
      method: 'initialize',
      params: {
        protocolVersion: LATEST_PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: CLIENT_INFO,
      },
    } as RpcMessage);
    const result = message?.result as { protocolVersion?: string } | undefined;
    if (!result) throw new Error(`initialize failed: ${JSON.stringify(message?.error)}`);
    this.protocolVersion = result.protocolVersion ?? LATEST_PROTOCOL_VERSION;
    this.sessionId = session;
    await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    if (this.sessionId) await this.openStream();
  }

  /**
   * Opens the session's GET stream. A server may send its head only with the first event, so the
   * stream is not waited for: a ping follows, answered on the stream (or on its POST).
   */
  private async openStream(): Promise<void> {
    this.stream = this.pool
      .request({
        method: 'GET',
        path: this.path,
        headers: { ...this.requestHeaders(), accept: 'text/event-stream' },
        // The head may wait for the first event, and events for the next call.
        headersTimeout: 0,
        bodyTimeout: 0,
      })
      .then((response) => {
        if (response.statusCode !== 200) {
          void response.body.dump();
          throw new Error(`the session's GET stream answered HTTP ${response.statusCode}`);
        }
        const events = new SseMessages((message) => {
          if (message.id === undefined || message.method !== undefined) return;
          const pending = this.waiting.get(message.id);
          if (!pending) return;
          this.waiting.delete(message.id);
          pending.resolve(message);
        });
        // A character may be split between chunks: the decoder keeps its first bytes.
        const decoder = new TextDecoder();
        response.body.on('data', (chunk: Buffer) =>
          events.push(decoder.decode(chunk, { stream: true })),
        );
        response.body.on('error', () => {});
        return response;
      });
    this.stream.catch((error: Error) => {
      for (const pending of this.waiting.values()) pending.reject(error);
      this.waiting.clear();
    });
    // A server may take the stream in after it answered a request sent just behind it, and that
    // answer is lost: the ping goes again until one comes back.
    await pingUntilAnswered((timeoutMs) => this.request('ping', undefined, timeoutMs));
  }

  /** One request; its result, or an Error for a JSON-RPC error. */
  async request(
    method: string,
    params?: Record<string, unknown>,
    timeoutMs = ANSWER_TIMEOUT_MS,
  ): Promise<unknown> {
    const id = this.nextId++;
    const { message } = await this.post(
      { jsonrpc: '2.0', id, method, ...(params ? { params } : {}) } as RpcMessage,
      timeoutMs,
    );
    if (!message || message.id !== id) throw new Error(`${method}: no answer for request ${id}`);
    if (message.error) throw new Error(`${method}: ${message.error.message}`);
    return message.result;
  }

  async close(): Promise<void> {
    for (const pending of this.waiting.values()) pending.reject(new Error('closed'));
    this.waiting.clear();
    void this.stream?.then((response) => response.body.destroy()).catch(() => {});
    if (this.sessionId) {
      await this.pool
        .request({ method: 'DELETE', path: this.path, headers: this.requestHeaders() })
        .then((response) => response.body.dump())
        .catch(() => {});
    }
    await this.pool.destroy();
  }
}

/** Connects `connections` lean clients to one server; `run` can then be called several times. */
export function openLeanClientPool({
  target,
  connections,
}: {
  target: ClientTarget;
  connections: number;
}): Promise<ClientPool> {
  /** The size of a result's JSON, taken once (every call of a pool gets the same result). */
  let resultBytes: number | undefined;
  return connectPool({
    connections,
    connect: async () => {
      const client = new LeanClient(target.url, target.headers);
      await client.connect();
      return client;
    },
    call: async (client) => {
      if (target.tool === undefined) {
        const result = (await client.request('tools/list')) as { tools?: unknown };
        if (!Array.isArray(result?.tools)) throw new Error('tools/list answered no tool list');
        return 0;
      }
      const result = (await client.request('tools/call', {
        name: target.tool,
        arguments: target.args ?? {},
      })) as { content?: unknown; isError?: boolean };
      if (!Array.isArray(result?.content)) throw new Error(`${target.tool} answered no content`);
      throwIfToolError(target.tool, result);
      return (resultBytes ??= JSON.stringify(result).length);
    },
  });
}
