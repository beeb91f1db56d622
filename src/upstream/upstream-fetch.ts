import { parseRetryAfter } from './create-upstream-error.js';
import { createTransportError } from './transport-error.js';
import type { TransportFailure } from './transport-error.js';
import type { UpstreamError } from './errors.js';
import { isReadOperation, operationOf } from './operation.js';
import type { Operation } from './operation.js';
import type { CredentialLimiter } from './rate-limit.js';
import { acceptsOutgoingRequest, OutgoingRequest } from './outgoing-request.js';
import { CancelSource, pause } from './cancellation.js';
import type { Cancellation } from './cancellation.js';
import { fieldsOf, ReadHeaders, ReadResponse } from './read-response.js';
import type { HeaderFields } from './read-response.js';
import { NO_RETRY, retryDelayMs, retryReason } from './retry.js';
import type { RetryPolicy } from './retry.js';

/** What one tool call's upstream traffic looked like, for the tool-call log line. */
export interface UpstreamStats {
  calls: number;
  lastStatus?: number;
  /** Reads sent again after a transient failure. */
  retries: number;
}

/** What the upstream edge reports, for metrics: each attempt, each retry. */
export interface UpstreamObserver {
  request(event: { operation: Operation; status: number | TransportFailure }): void;
  retry(event: { operation: Operation; reason: string }): void;
}

type Attempt = { response: Response } | { error: UpstreamError };

/**
 * A fetch for openapi-fetch, the one edge every tool's upstream traffic goes through. It takes a
 * slot of the credential's rate budget before each request, enforces the call's deadline (the
 * timeout covers waits and retries too), honours the caller's cancellation, sends reads again after
 * a 429, 502, 503, 504 or a dropped connection (never a change), holds the credential back on every
 * replica after a 429, and turns dropped connections and malformed JSON into UpstreamErrors with
 * actionable text.
 */
export function createUpstreamFetch({
  timeoutMs,
  signal,
  stats,
  fetchImpl = globalThis.fetch,
  limiter,
  retry = NO_RETRY,
  observer,
}: {
  timeoutMs: number;
  signal?: Cancellation;
  stats?: UpstreamStats;
  fetchImpl?: typeof fetch;
  /** The rate budget of the caller's credential and organization. */
  limiter?: CredentialLimiter;
  retry?: RetryPolicy;
  observer?: UpstreamObserver;
}): (request: Request) => Promise<Response> {
  return async (request) => {
    const deadline = performance.now() + timeoutMs;
    const operation = operationOf(request);
    const attempts = isReadOperation(operation) ? retry.retries + 1 : 1;
    /** The outcome of the attempt before a retry, reported if the retry cannot do better. */
    let previous: Attempt | undefined;
    const settle = (outcome: Attempt): Response => {
      if ('error' in outcome) throw outcome.error;
      return outcome.response;
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await limiter?.acquire({ signal, deadline, timeoutMs });
      } catch (error) {
        // No slot for the retry in time: the failure that called for it says more.
        if (previous) return settle(previous);
        throw error;
      }
      const last = attempt >= attempts;
      // A Request's body stream can be read once: a read that may be sent again sends a copy.
      const outgoing =
        last || !readsOnce(request) ? request : (request.clone() as unknown as Request);
      const outcome = await sendOnce({
        request: outgoing,
        remainingMs: Math.max(1, deadline - performance.now()),
        timeoutMs,
        signal,
        stats,
        fetchImpl,
      });
      const status = 'response' in outcome ? outcome.response.status : outcome.error.failure!;
      observer?.request({ operation, status });
      // A retry that ran out of the call's time: the failure that called for it says more.
      if (status === 'timeout' && previous) return settle(previous);
      const retryAfter = 'response' in outcome ? outcome.response.headers.get('retry-after') : null;
      // A 429 holds the credential back on every replica, for Retry-After or one second.
      if (status === 429) await limiter?.throttle(parseRetryAfter(retryAfter) ?? 1);
      const reason = last
        ? undefined
        : retryReason(typeof status === 'number' ? { status } : { failure: status });
      if (reason) {
        const delay = retryDelayMs({ attempt, retryAfter, policy: retry });
        if (performance.now() + delay < deadline && !signal?.aborted) {
          if (stats) stats.retries += 1;
          observer?.retry({ operation, reason });
          try {
            await pause(delay, signal);
          } catch {
            throw createTransportError('cancelled', timeoutMs);
          }
          previous = outcome;
          continue;
        }
      }
      return settle(outcome);
    }
  };
}

/**
 * A request with a body that sending consumes: a fetch Request's. An OutgoingRequest keeps its body
 * as text, and each send reads it anew (the undici client, or the Request made for another fetch).
 */
function readsOnce(request: Request): boolean {
  return !(request instanceof OutgoingRequest) && request.body !== null;
}

/** One request under the remaining time: a Response whose body was read, or an UpstreamError. */
async function sendOnce({
  request,
  remainingMs,
  timeoutMs,
  signal,
  stats,
  fetchImpl,
}: {
  request: Request;
  remainingMs: number;
  timeoutMs: number;
  signal?: Cancellation;
  stats?: UpstreamStats;
  fetchImpl: typeof fetch;
}): Promise<Attempt> {
  // Settled once the whole body was read: nothing is then left to time out or cancel.
  const deadline = new RequestDeadline(remainingMs, signal);
  const fail = (): Attempt => {
    if (deadline.timedOut) return { error: createTransportError('timeout', timeoutMs) };
    if (signal?.aborted) return { error: createTransportError('cancelled', timeoutMs) };
    return { error: createTransportError('network', timeoutMs) };
  };
  if (stats) stats.calls += 1;
  let response: Response;
  try {
    // Redirects are not followed: the key travels in x-api-key, which fetch would forward to
    // whatever origin a redirect names.
    // A fetch that takes an OutgoingRequest as it is takes the deadline as its signal; any other
    // gets a real Request made from it, and an AbortSignal that follows the deadline.
    const own = acceptsOutgoingRequest(fetchImpl);
    const sent = request instanceof OutgoingRequest && !own ? request.toRequest() : request;
    response = await fetchImpl(sent, {
      signal: own ? (deadline as Cancellation as AbortSignal) : deadline.signal,
      redirect: 'manual',
    });
  } catch {
    deadline.settle();
    return fail();
  }
  if (stats) stats.lastStatus = response.status;
  if (response.status === 204 || response.status === 205) {
    deadline.settle();
    return { response };
  }
  // The whole body (an error body too) is read here, under the timeout and cancellation, so a
  // body that stalls is a timeout and the timer is released as soon as the call is over.
  // An answer read whole already (the undici client's) is taken as it is; any other is read.
  const read = response instanceof ReadResponse ? response : undefined;
  let text: string;
  try {
    text = read ? read.bodyText() : await response.text();
  } catch {
    return fail();
  } finally {
    deadline.settle();
  }
  const source = read ? read.headers : response.headers;
  const fields = answerFields(source);
  const cookies = source.getSetCookie();
  // openapi-fetch reads an error body itself and keeps JumpCloud's message when it is JSON.
  if (!response.ok) {
    return {
      response: new ReadResponse({
        status: response.status,
        statusText: response.statusText,
        headers: new ReadHeaders(fields, cookies),
        text,
      }).asResponse(),
    };
  }
  // Every tool reads JSON: a 2xx body that is not JSON (an HTML error page from a proxy, a cut-off
  // answer) is reported as malformed rather than failing later inside the handler.
  let parsed: unknown;
  if (text.trim() !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      return { error: createTransportError('malformed', timeoutMs) };
    }
  }
  // A length tells openapi-fetch to call json() (answered from the value parsed above) rather
  // than read the text and parse it again; "0" tells it there is no body.
  fields['content-length'] =
    parsed === undefined
      ? '0'
      : String(read?.hasBody ? read.bodyBytes().length : Buffer.byteLength(text));
  return {
    response: new ReadResponse({
      status: response.status,
      statusText: response.statusText,
      headers: new ReadHeaders(fields, cookies),
      text: parsed === undefined ? '' : text,
      parsed: { value: parsed },
    }).asResponse(),
  };
}

/**
 * One request's cancellation: its remaining time runs out, or the caller's cancellation aborts.
 * The undici client takes it as its signal; another fetch gets the AbortSignal that follows it.
 */
class RequestDeadline extends CancelSource {
  timedOut = false;
  readonly #timer: NodeJS.Timeout;
  readonly #caller: Cancellation | undefined;
  readonly #cancel = () => this.abort((this.#caller as Cancellation).reason);

  constructor(remainingMs: number, caller: Cancellation | undefined) {
    super();
    this.#caller = caller;
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.abort(new DOMException('The upstream request timed out', 'TimeoutError'));
    }, remainingMs);
    this.#timer.unref();
    if (caller?.aborted) this.abort(caller.reason);
    else caller?.addEventListener('abort', this.#cancel, { once: true });
  }

  /** The request is over: its timer, its listeners and the one on the caller's cancellation go. */
  settle(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener('abort', this.#cancel);
    this.clear();
  }
}

/**
 * The header fields of an answer whose body was read (and decoded) whole, for the answer rebuilt
 * from it: no content-encoding, no content-length of the bytes on the wire.
 */
function answerFields(source: Headers | ReadHeaders): HeaderFields {
  // The undici client's answer is this request's alone: its fields are taken, not copied.
  const fields = source instanceof ReadHeaders ? source.takeFields() : fieldsOf(source);
  delete fields['content-encoding'];
  delete fields['content-length'];
  return fields;
}
