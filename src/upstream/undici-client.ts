import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { createRequire } from 'node:module';
import type { Agent as UndiciAgent, Dispatcher } from 'undici';
import { OutgoingRequest, takesOutgoingRequest } from './outgoing-request.js';
import { ReadHeaders, ReadResponse } from './read-response.js';
import type { HeaderFields } from './read-response.js';

/**
 * undici's index also loads its fetch, WebSocket, cache and mock modules; the connection pool and
 * `request` alone load in well under half the time, which shortens every start.
 */
const require = createRequire(import.meta.url);
const Agent = require('undici/lib/dispatcher/agent.js') as typeof UndiciAgent;
const request = require('undici/lib/api/api-request.js') as (
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

/**
 * A `fetch` for the upstream clients built on undici's `request` and a keep-alive connection pool:
 * the answer is read whole into a ReadResponse (a Response's reading side over the bytes), without
 * fetch's per-request machinery (its Request clone, body streams, header lists, redirect and CORS
 * handling). Redirects are not followed (the
 * credential travels in a header) and gzip, deflate and br bodies are decoded, as fetch would.
 */
export function createUndiciFetch({
  connections = 128,
  keepAliveMs = 10_000,
}: UndiciFetchOptions = {}): typeof fetch {
  const dispatcher = new Agent({ connections, keepAliveTimeout: keepAliveMs });
  return takesOutgoingRequest(async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const outgoing =
      input instanceof OutgoingRequest || input instanceof Request
        ? input
        : new Request(input, init);
    const headers: Record<string, string> = {};
    outgoing.headers.forEach((value, name) => (headers[name] = value));
    headers['accept-encoding'] ??= 'gzip, deflate, br';
    let body: Buffer | undefined;
    let url: URL;
    if (outgoing instanceof OutgoingRequest) {
      body = await outgoing.bodyBytes();
      url = outgoing.target;
    } else {
      body = outgoing.body ? Buffer.from(await outgoing.arrayBuffer()) : undefined;
      url = new URL(outgoing.url);
    }
    const answer = await request.call(dispatcher, {
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: outgoing.method as Dispatcher.HttpMethod,
      headers,
      body,
      signal: init?.signal ?? outgoing.signal,
    });
    let data: Buffer = Buffer.from(await answer.body.arrayBuffer());
    const fields: HeaderFields = Object.create(null) as HeaderFields;
    let cookies: string[] = [];
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      fields[name] = typeof value === 'string' ? value : value.join(', ');
      if (name === 'set-cookie') cookies = [value].flat();
    }
    const encoding = fields['content-encoding']?.trim().toLowerCase();
    const decode = encoding ? decoders[encoding] : undefined;
    if (decode && data.length > 0) {
      data = await decode(data);
      delete fields['content-encoding'];
      fields['content-length'] = String(data.length);
    }
    return new ReadResponse({
      status: answer.statusCode,
      headers: new ReadHeaders(fields, cookies),
      ...(NO_BODY.has(answer.statusCode) ? {} : { bytes: data }),
    }).asResponse();
  }) as typeof fetch;
}
