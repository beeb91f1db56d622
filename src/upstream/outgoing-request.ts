/**
 * The Request class openapi-fetch builds each upstream request with: the URL, method, headers and
 * body text it was given, without a fetch Request's body stream, its own AbortSignal or a second
 * parse of the URL. The upstream fetch tags, limits, copies for a retry and sends it; the undici
 * client sends it as it is, and any other fetch gets a real Request made from it.
 */
import { fieldsOf } from './read-response.js';
import type { HeaderFields } from './read-response.js';

/**
 * A fetch that takes an OutgoingRequest as it is (the undici client), and for its `signal` any
 * Cancellation (src/upstream/cancellation.ts): it reads nothing of a signal that a Cancellation
 * lacks.
 */
const TAKES_OUTGOING = Symbol('takes OutgoingRequest');

export function takesOutgoingRequest<F extends object>(fetchImpl: F): F {
  (fetchImpl as Record<symbol, unknown>)[TAKES_OUTGOING] = true;
  return fetchImpl;
}

export function acceptsOutgoingRequest(fetchImpl: object): boolean {
  return (fetchImpl as Record<symbol, unknown>)[TAKES_OUTGOING] === true;
}

export class OutgoingRequest {
  readonly url: string;
  /** The URL parsed (once, here). */
  readonly target: URL;
  readonly method: string;
  /** The Headers openapi-fetch merged for this request; fields set later are folded in when read. */
  readonly #headers: Headers;
  /**
   * Fields set over the merged headers (the client's own and the credential's): kept as a plain
   * record, which the undici client sends without building, validating and sorting a Headers list.
   */
  #fields: HeaderFields | undefined;
  readonly redirect: NonNullable<RequestInit['redirect']>;
  readonly signal: AbortSignal | undefined;
  /** The body as openapi-fetch serialized it (JSON text), or undefined without one. */
  readonly payload: NonNullable<RequestInit['body']> | undefined;

  constructor(input: string | URL, init: RequestInit = {}) {
    this.target = new URL(input);
    this.url = this.target.href;
    this.method = normalizeMethod(init.method ?? 'GET');
    // openapi-fetch hands over the Headers it merged for this request alone.
    this.#headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.redirect = init.redirect ?? 'follow';
    this.signal = init.signal ?? undefined;
    this.payload = init.body ?? undefined;
    if (this.payload !== undefined && (this.method === 'GET' || this.method === 'HEAD'))
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    if (typeof this.payload === 'string' && !this.#headers.has('content-type'))
      this.#headers.set('content-type', 'text/plain;charset=UTF-8');
  }

  /** The request's headers, those set with setFields included. */
  get headers(): Headers {
    if (this.#fields !== undefined) {
      for (const name in this.#fields) this.#headers.set(name, this.#fields[name]!);
      this.#fields = undefined;
    }
    return this.#headers;
  }

  /**
   * Sets header fields (lowercase names, valid values) over those the request carries, as
   * `headers.set` would, for the request's sender to read with headerFields().
   */
  setFields(fields: Readonly<Record<string, string>>): void {
    if (this.#fields === undefined) this.#fields = Object.create(null) as HeaderFields;
    for (const name in fields) this.#fields[name] = fields[name]!;
  }

  /** Every header field as one record of lowercase names (a repeated name's values joined). */
  headerFields(): HeaderFields {
    const fields = fieldsOf(this.#headers);
    if (this.#fields !== undefined)
      for (const name in this.#fields) fields[name] = this.#fields[name]!;
    return fields;
  }

  /** This request as the Request type its handlers expect. */
  asRequest(): Request {
    return this as unknown as Request;
  }

  /** A real fetch Request with the same URL, method, headers and body. */
  toRequest(): Request {
    return new Request(this.url, {
      method: this.method,
      headers: this.headers,
      redirect: this.redirect,
      ...(this.payload !== undefined ? { body: this.payload } : {}),
    });
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.payload === undefined ? null : this.toRequest().body;
  }

  get bodyUsed(): boolean {
    return false;
  }

  /** The body's bytes (undefined without a body). */
  async bodyBytes(): Promise<Buffer | undefined> {
    if (this.payload === undefined) return undefined;
    if (typeof this.payload === 'string') return Buffer.from(this.payload, 'utf8');
    return Buffer.from(await this.toRequest().arrayBuffer());
  }

  async text(): Promise<string> {
    if (typeof this.payload === 'string') return this.payload;
    return (await this.bodyBytes())?.toString('utf8') ?? '';
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = (await this.bodyBytes()) ?? Buffer.alloc(0);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): OutgoingRequest {
    return new OutgoingRequest(this.url, {
      method: this.method,
      headers: new Headers(this.headers),
      redirect: this.redirect,
      ...(this.signal ? { signal: this.signal } : {}),
      ...(this.payload !== undefined ? { body: this.payload } : {}),
    });
  }
}

/** The methods fetch writes in upper case whatever case they are given in. */
const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED.has(upper) ? upper : method;
}
