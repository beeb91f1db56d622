import { createTransportError } from './transport-error.js';
import type { UpstreamError } from './errors.js';

/** What one tool call's upstream traffic looked like, for the tool-call log line. */
export interface UpstreamStats {
  calls: number;
  lastStatus?: number;
}

/**
 * A fetch for openapi-fetch that enforces a per-call timeout, honours the caller's cancellation,
 * and turns dropped connections and malformed JSON into UpstreamErrors with actionable text.
 */
export function createUpstreamFetch({
  timeoutMs,
  signal,
  stats,
  fetchImpl = globalThis.fetch,
}: {
  timeoutMs: number;
  signal?: AbortSignal;
  stats?: UpstreamStats;
  fetchImpl?: typeof fetch;
}): (request: Request) => Promise<Response> {
  return async (request) => {
    // One controller for the timeout and the caller's cancellation (cheaper than combining an
    // AbortSignal.timeout with AbortSignal.any on every call).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    timer.unref();
    const cancel = () => controller.abort();
    if (signal?.aborted) controller.abort();
    else signal?.addEventListener('abort', cancel, { once: true });
    /** The whole body was read: nothing left to time out or cancel. */
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    };
    const fail = (): UpstreamError => {
      if (timedOut) return createTransportError('timeout', timeoutMs);
      if (signal?.aborted) return createTransportError('cancelled', timeoutMs);
      return createTransportError('network', timeoutMs);
    };
    if (stats) stats.calls += 1;
    let response: Response;
    try {
      // Redirects are not followed: the key travels in x-api-key, which fetch would forward to
      // whatever origin a redirect names.
      response = await fetchImpl(request, { signal: controller.signal, redirect: 'manual' });
    } catch {
      settle();
      throw fail();
    }
    if (stats) stats.lastStatus = response.status;
    if (response.status === 204 || response.status === 205) {
      settle();
      return response;
    }
    // The whole body (an error body too) is read here, under the timeout and cancellation, so a
    // body that stalls is a timeout and the timer is released as soon as the call is over.
    let text: string;
    try {
      text = await response.text();
    } catch {
      throw fail();
    } finally {
      settle();
    }
    // openapi-fetch reads an error body itself and keeps JumpCloud's message when it is JSON.
    if (!response.ok) {
      return new Response(text, {
        status: response.status,
        statusText: response.statusText,
        headers: withoutEncoding(response.headers),
      });
    }
    // Every tool reads JSON: a 2xx body that is not JSON (an HTML error page from a proxy, a cut-off
    // answer) is reported as malformed rather than failing later inside the handler.
    let parsed: unknown;
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw createTransportError('malformed', timeoutMs);
      }
    }
    const headers = withoutEncoding(response.headers);
    // A length tells openapi-fetch to call json() (answered from the value parsed above) rather
    // than read the text and parse it again; "0" tells it there is no body.
    headers.set('content-length', parsed === undefined ? '0' : String(Buffer.byteLength(text)));
    return new ParsedJsonResponse({
      text: parsed === undefined ? '' : text,
      parsed,
      init: { status: response.status, statusText: response.statusText, headers },
    });
  };
}

/** The headers of a body already decoded by fetch, for a Response rebuilt from its text. */
function withoutEncoding(source: Headers): Headers {
  const headers = new Headers(source);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return headers;
}

/** A response whose JSON body was already read and parsed: json() answers without parsing again. */
class ParsedJsonResponse extends Response {
  override readonly json: () => Promise<unknown>;

  constructor({ text, parsed, init }: { text: string; parsed: unknown; init: ResponseInit }) {
    super(text, init);
    this.json = () => Promise.resolve(parsed);
  }
}
