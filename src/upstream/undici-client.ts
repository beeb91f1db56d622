import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import type { Agent as UndiciAgent, Dispatcher } from 'undici';
import { OutgoingRequest, takesOutgoingRequest } from './outgoing-request.js';
import type { Cancellation } from './cancellation.js';
import { fieldsOf, ReadHeaders, ReadResponse } from './read-response.js';
import type { HeaderFields } from './read-response.js';
import type * as UndiciPool from './undici-pool.js';

/**
 * undici's pool (src/upstream/undici-pool.ts) loads with the first upstream call: loading it and
 * compiling its HTTP parser (WebAssembly) on its first connection cost a start some 70 ms of CPU,
 * and nothing before the first tools/call needs it.
 */
let pool: Promise<typeof UndiciPool> | undefined;
const loadPool = () => (pool ??= import('./undici-pool.js'));

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

/**
 * A body decoded as its content-encoding says (gzip, deflate, br), as fetch would; a body without
 * one is answered at once, without a promise to wait for.
 */
function decodeBody(
  raw: Buffer,
  encodingValue: string | string[] | undefined,
): { data: Buffer; decoded: boolean } | Promise<{ data: Buffer; decoded: boolean }> {
  if (encodingValue === undefined || raw.length === 0) return { data: raw, decoded: false };
  const encoding = (Array.isArray(encodingValue) ? encodingValue.join(', ') : encodingValue)
    .trim()
    .toLowerCase();
  const decode = encoding ? decoders[encoding] : undefined;
  if (decode === undefined) return { data: raw, decoded: false };
  return decode(raw).then((data) => ({ data, decoded: true }));
}

/** One request's answer as the pool delivered it: status, parsed headers, the body read whole. */
interface WholeAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One request through the pool's `dispatch`, its answer collected whole. undici's `request` builds,
 * per call, an async resource, a Readable for the body and the promises that read it back whole;
 * here the chunks go straight into a list. The signal aborts the request at any point: before it
 * is sent, while it waits for its answer, or while the body arrives.
 */
function dispatchWhole(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  signal: Cancellation | undefined,
): Promise<WholeAnswer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    let controller: Dispatcher.DispatchController | undefined;
    let aborted: Error | undefined;
    const onAbort = () => {
      aborted = abortReason(signal!);
      if (controller) controller.abort(aborted);
      // Still queued for a connection: the caller stops waiting now, and the pool drops the
      // request when it comes to it.
      else reject(aborted);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    dispatcher.dispatch(options, {
      onRequestStart(started) {
        controller = started;
        if (aborted) started.abort(aborted);
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        // An informational answer (1xx) comes before the real one.
        if (statusCode < 200) return;
        status = statusCode;
        headers = responseHeaders;
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        signal?.removeEventListener('abort', onAbort);
        resolve({
          status,
          headers,
          body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
        });
      },
      onResponseError(_controller, error) {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    });
  });
}

function abortReason(signal: Cancellation): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('The request was aborted.');
}

/** One GET's answer, its body read whole and decoded. */
export interface PlainAnswer {
  status: number;
  body: Buffer;
}

/**
 * A GET without Fetch API objects (node:http, whose parser is built in): lowercase header names,
 * the answer read whole and decoded. The access check of a client's first request reads one status
 * this way, so that a start and a first tools/list load neither Node's fetch implementation
 * (Request, Headers, Response) nor undici's pool.
 */
export type PlainGet = (input: {
  url: string;
  headers: Record<string, string>;
  signal: AbortSignal;
}) => Promise<PlainAnswer>;

/** See PlainGet. Redirects are not followed; an answer cut short rejects. */
const plainGet: PlainGet = async ({ url, headers, signal }) => {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? (await import('node:https')).request : httpRequest;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = send(
      target,
      { method: 'GET', headers: { 'accept-encoding': 'gzip, deflate, br', ...headers }, signal },
      resolve,
    );
    outgoing.once('error', reject);
    outgoing.end();
  });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.once('end', resolve);
    response.once('error', reject);
    response.once('close', () => {
      if (!response.complete) reject(new Error('the answer was cut short'));
    });
  });
  const status = response.statusCode ?? 0;
  if (NO_BODY.has(status)) return { status, body: Buffer.alloc(0) };
  const { data } = await decodeBody(Buffer.concat(chunks), response.headers['content-encoding']);
  return { status, body: data };
};

/** A fetch that can also send a GET without Fetch API objects (createUndiciFetch's). */
export type UndiciFetch = typeof fetch & { plainGet: PlainGet };

/**
 * A `fetch` for the upstream clients built on undici's keep-alive connection pool: each request is
 * dispatched with its answer collected whole (dispatchWhole) into a ReadResponse (a Response's
 * reading side over the bytes), without fetch's per-request machinery (its Request clone, body
 * streams, header lists, redirect and CORS handling). Redirects are not followed (the credential
 * travels in a header) and gzip, deflate and br bodies are decoded, as fetch would.
 */
export function createUndiciFetch({
  connections = 128,
  keepAliveMs = 10_000,
}: UndiciFetchOptions = {}): UndiciFetch {
  let dispatcher: UndiciAgent | undefined;
  /** The pool's module once loaded: later calls take it without waiting a turn. */
  let loaded: typeof UndiciPool | undefined;
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
    signal?: Cancellation | null;
  }) => {
    headers['accept-encoding'] ??= 'gzip, deflate, br';
    const { Agent } = (loaded ??= await loadPool());
    dispatcher ??= new Agent({ connections, keepAliveTimeout: keepAliveMs });
    const answer = await dispatchWhole(
      dispatcher,
      { origin: url.origin, path: `${url.pathname}${url.search}`, method, headers, body },
      signal ?? undefined,
    );
    const decoded = decodeBody(answer.body, answer.headers['content-encoding']);
    return { answer, ...(decoded instanceof Promise ? await decoded : decoded) };
  };
  const upstreamFetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const outgoing =
      input instanceof OutgoingRequest || input instanceof Request
        ? input
        : new Request(input, init);
    let headers: HeaderFields;
    let body: Buffer | undefined;
    let url: URL;
    if (outgoing instanceof OutgoingRequest) {
      headers = outgoing.headerFields();
      body = outgoing.payload === undefined ? undefined : await outgoing.bodyBytes();
      url = outgoing.target;
    } else {
      headers = fieldsOf(outgoing.headers);
      body = outgoing.body ? Buffer.from(await outgoing.arrayBuffer()) : undefined;
      url = new URL(outgoing.url);
    }
    const { answer, data, decoded } = await send({
      url,
      method: outgoing.method as Dispatcher.HttpMethod,
      headers,
      body,
      signal: init?.signal ?? outgoing.signal,
    });
    const fields: HeaderFields = Object.create(null) as HeaderFields;
    let cookies: string[] = [];
    const received = answer.headers;
    for (const name of Object.keys(received)) {
      const value = received[name];
      if (value === undefined) continue;
      fields[name] = typeof value === 'string' ? value : value.join(', ');
      if (name === 'set-cookie') cookies = [value].flat();
    }
    if (decoded) {
      delete fields['content-encoding'];
      fields['content-length'] = String(data.length);
    }
    return new ReadResponse({
      status: answer.status,
      headers: new ReadHeaders(fields, cookies),
      ...(NO_BODY.has(answer.status) ? {} : { bytes: data }),
    }).asResponse();
  };
  return Object.assign(takesOutgoingRequest(upstreamFetch as typeof fetch), { plainGet });
}
