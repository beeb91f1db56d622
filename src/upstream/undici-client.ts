import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import type { Agent as UndiciAgent, Dispatcher } from 'undici';
/**
 * undici's index also loads its fetch, WebSocket, cache and mock modules; the connection pool and
 * `request` alone load in well under half the time, which shortens every start. Imported by path
 * (undici has no exports map), so that the bundle holds them and a start reads no module of theirs
 * from node_modules (src/upstream/undici-internals.d.ts types them).
 */
import AgentModule from 'undici/lib/dispatcher/agent.js';
import requestModule from 'undici/lib/api/api-request.js';

const Agent = AgentModule as typeof UndiciAgent;
const request = requestModule as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

const decoders: Record<string, (data: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** Statuses whose Response cannot have a body. */
const NO_BODY = new Set([101, 204, 205, 304]);

export interface UndiciFetchOptions {
  /** Connections kept per upstream origin. */
  connections?: number;
  /** How long an idle connection stays open, ms. */
  keepAliveMs?: number;
}

/** One GET's answer, its body read whole and decoded. */
export interface PlainAnswer {
  status: number;
  body: Buffer;
}

/**
 * A GET without Fetch API objects: lowercase header names, the answer read whole and decoded. The
 * access check of a client's first request reads one status this way, so that a start and a first
 * tools/list never load Node's fetch implementation (Request, Headers, Response).
 */
export type PlainGet = (input: {
  url: string;
  headers: Record<string, string>;
  signal: AbortSignal;
}) => Promise<PlainAnswer>;

/** A fetch that can also send a GET without Fetch API objects (createUndiciFetch's). */
export type UndiciFetch = typeof fetch & { plainGet: PlainGet };

/**
 * A `fetch` for the upstream clients built on undici's `request` and a keep-alive connection pool:
 * the answer is read whole into a Response built from bytes, without fetch's per-request machinery
 * (its Request clone, body streams, redirect and CORS handling). Redirects are not followed (the
 * credential travels in a header) and gzip, deflate and br bodies are decoded, as fetch would.
 */
export function createUndiciFetch({
  connections = 128,
  keepAliveMs = 10_000,
}: UndiciFetchOptions = {}): UndiciFetch {
  const dispatcher = new Agent({ connections, keepAliveTimeout: keepAliveMs });
  /** Sends one request; the body read whole and decoded, content-encoding then dropped. */
  const send = async ({
    url,
    method,
    headers,
    body,
    signal,
  }: {
    url: URL;
    method: Dispatcher.HttpMethod;
    headers: Record<string, string>;
    body?: Buffer;
    signal?: AbortSignal | null;
  }) => {
    headers['accept-encoding'] ??= 'gzip, deflate, br';
    const answer = await request.call(dispatcher, {
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      body,
      signal: signal ?? undefined,
    });
    let data: Buffer = Buffer.from(await answer.body.arrayBuffer());
    const encodingValue = answer.headers['content-encoding'];
    const encoding = (Array.isArray(encodingValue) ? encodingValue.join(', ') : encodingValue)
      ?.trim()
      .toLowerCase();
    const decode = encoding ? decoders[encoding] : undefined;
    const decoded = decode !== undefined && data.length > 0;
    if (decoded) data = await decode(data);
    return { answer, data, decoded };
  };
  const upstreamFetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const outgoing = input instanceof Request ? input : new Request(input, init);
    const headers: Record<string, string> = {};
    outgoing.headers.forEach((value, name) => (headers[name] = value));
    const body = outgoing.body ? Buffer.from(await outgoing.arrayBuffer()) : undefined;
    const { answer, data, decoded } = await send({
      url: new URL(outgoing.url),
      method: outgoing.method as Dispatcher.HttpMethod,
      headers,
      body,
      signal: init?.signal ?? outgoing.signal,
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const one of [value].flat()) responseHeaders.append(name, one);
    }
    if (decoded) {
      responseHeaders.delete('content-encoding');
      responseHeaders.set('content-length', String(data.length));
    }
    return new Response(NO_BODY.has(answer.statusCode) ? null : data, {
      status: answer.statusCode,
      headers: responseHeaders,
    });
  };
  const plainGet: PlainGet = async ({ url, headers, signal }) => {
    const { answer, data } = await send({
      url: new URL(url),
      method: 'GET',
      headers: { ...headers },
      signal,
    });
    return {
      status: answer.statusCode,
      body: NO_BODY.has(answer.statusCode) ? Buffer.alloc(0) : data,
    };
  };
  return Object.assign(upstreamFetch, { plainGet });
}
