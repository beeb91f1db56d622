/**
 * An upstream answer already read whole, in the shape of a fetch `Response` (status, headers,
 * text(), json(), ...) without its per-object machinery: no body stream, no header list with its
 * guard and validation, no copy of the body. The upstream fetch hands these to openapi-fetch, the
 * handlers and the error mapping, which read the status, a few headers and the body once.
 */

/** Header fields by lower-case name; a name given more than once holds its values joined by ", ". */
export type HeaderFields = Record<string, string>;

/** A Headers list's fields as a record of its own (no prototype, so no inherited names). */
export function fieldsOf(headers: Headers): HeaderFields {
  const fields = Object.create(null) as HeaderFields;
  headers.forEach((value, name) => (fields[name] = value));
  return fields;
}

/** Read-only headers over fields whose names are already lower case. */
export class ReadHeaders implements Headers {
  readonly #fields: HeaderFields;
  /** Each Set-Cookie value on its own (joined in the fields, as Headers.get joins them). */
  readonly #cookies: readonly string[];

  constructor(fields: HeaderFields, cookies: readonly string[] = []) {
    this.#fields = fields;
    this.#cookies = cookies;
  }

  get(name: string): string | null {
    const fields = this.#fields;
    const key = name.toLowerCase();
    return Object.hasOwn(fields, key) ? fields[key]! : null;
  }

  has(name: string): boolean {
    return Object.hasOwn(this.#fields, name.toLowerCase());
  }

  /**
   * The fields themselves, in no particular order (forEach and entries sort them, as Headers do),
   * handed over to the holder of the answer, who rebuilds the answer from them (the upstream
   * fetch): these headers are not read again after.
   */
  takeFields(): HeaderFields {
    return this.#fields;
  }

  getSetCookie(): string[] {
    return [...this.#cookies];
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown) {
    const fields = this.#fields;
    for (const name of Object.keys(fields).sort())
      callback.call(thisArg, fields[name]!, name, this);
  }

  *entries(): ReturnType<Headers['entries']> {
    const fields = this.#fields;
    for (const name of Object.keys(fields).sort()) yield [name, fields[name]!];
  }

  *keys(): ReturnType<Headers['keys']> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): ReturnType<Headers['keys']> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): ReturnType<Headers['entries']> {
    return this.entries();
  }

  append(_name: string, _value: string): void {
    throw new TypeError('The headers of an upstream answer are read-only');
  }

  set(_name: string, _value: string): void {
    throw new TypeError('The headers of an upstream answer are read-only');
  }

  delete(_name: string): void {
    throw new TypeError('The headers of an upstream answer are read-only');
  }
}

/** Decodes UTF-8 as Response.text() does: a leading byte order mark is dropped. */
export function utf8Text(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A Response read whole: its body is the text (or bytes) given, and json() answers the value
 * already parsed when one is given. Typed as a Response for openapi-fetch and the handlers.
 */
export class ReadResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: ReadHeaders;
  readonly type = 'default';
  readonly url = '';
  readonly redirected = false;
  readonly bodyUsed = false;
  #text: string | undefined;
  #bytes: Buffer | undefined;
  readonly #parsed: { value: unknown } | undefined;

  constructor(init: {
    status: number;
    statusText?: string;
    headers: ReadHeaders;
    /** The body as text, or as bytes (decoded as UTF-8 when read as text); none: no body. */
    text?: string;
    bytes?: Buffer;
    /** The body's JSON value, parsed already: json() answers it. */
    parsed?: { value: unknown };
  }) {
    this.status = init.status;
    this.statusText = init.statusText ?? '';
    this.headers = init.headers;
    this.#text = init.text;
    this.#bytes = init.bytes;
    this.#parsed = init.parsed;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  /** Whether the answer has a body (even an empty one), as `body !== null` tells of a Response. */
  get hasBody(): boolean {
    return this.#text !== undefined || this.#bytes !== undefined;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (!this.hasBody) return null;
    return new Blob([this.bodyBytes()]).stream();
  }

  /** The body as UTF-8 text ('' without a body). */
  bodyText(): string {
    if (this.#text === undefined) this.#text = this.#bytes ? utf8Text(this.#bytes) : '';
    return this.#text;
  }

  /** The body's bytes (empty without a body). */
  bodyBytes(): Buffer {
    if (this.#bytes === undefined) this.#bytes = Buffer.from(this.#text ?? '', 'utf8');
    return this.#bytes;
  }

  text(): Promise<string> {
    return Promise.resolve(this.bodyText());
  }

  json(): Promise<unknown> {
    if (this.#parsed) return Promise.resolve(this.#parsed.value);
    try {
      return Promise.resolve(JSON.parse(this.bodyText()) as unknown);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.bodyBytes();
    return Promise.resolve(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  }

  bytes(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.bodyBytes()));
  }

  blob(): Promise<Blob> {
    const type = this.headers.get('content-type') ?? '';
    return Promise.resolve(new Blob([this.bodyBytes()], { type }));
  }

  formData(): Promise<FormData> {
    return Promise.reject(new TypeError('An upstream answer is not read as form data'));
  }

  clone(): ReadResponse {
    return new ReadResponse({
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
      ...(this.#text !== undefined ? { text: this.#text } : {}),
      ...(this.#bytes !== undefined ? { bytes: this.#bytes } : {}),
      ...(this.#parsed ? { parsed: this.#parsed } : {}),
    });
  }

  /** This answer as the Response type its readers expect. */
  asResponse(): Response {
    return this as unknown as Response;
  }
}
