import createClient from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import type { Credential } from '../auth/types.js';
import type { Cancellation } from './cancellation.js';
import { answeredFor } from './create-upstream-error.js';
import { operationTagger } from './operation.js';
import { OutgoingRequest } from './outgoing-request.js';
import { pathParamGuard } from './path-params.js';
import type { CredentialLimiter } from './rate-limit.js';
import type { RetryPolicy } from './retry.js';
import { createUpstreamFetch } from './upstream-fetch.js';
import type { UpstreamObserver, UpstreamStats } from './upstream-fetch.js';

/** The User-Agent JumpCloud sees: `jumpcloudmcp-<client>-bot`. */
export function upstreamUserAgent(clientName: string): string {
  return `jumpcloudmcp-${clientName}-bot`;
}

/**
 * One openapi-fetch client per spec id (made when a handler first reads it), bound to the caller's
 * credential (its headers, asked for on every call), organization (`x-org-id`), user agent, the
 * per-call timeout, the tool call's cancellation signal, the credential's rate budget and the
 * retry policy of reads.
 */
export function createUpstreamApi<Paths extends Record<string, object>>({
  baseUrls,
  credential,
  orgId,
  clientName,
  timeoutMs,
  signal,
  stats,
  fetchImpl,
  limiter,
  retry,
  observer,
}: {
  baseUrls: Record<keyof Paths & string, string>;
  credential: Credential;
  /** MSP child organization, sent as `x-org-id`. */
  orgId?: string;
  clientName: string;
  timeoutMs: number;
  /** The tool call's cancellation (a CancelSource, or an AbortSignal). */
  signal?: Cancellation;
  stats?: UpstreamStats;
  fetchImpl?: typeof fetch;
  limiter?: CredentialLimiter;
  retry?: RetryPolicy;
  observer?: UpstreamObserver;
}): { [Spec in keyof Paths]: Client<Paths[Spec] & {}> } {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': upstreamUserAgent(clientName),
  };
  if (orgId) headers['x-org-id'] = orgId;
  const upstream = createUpstreamFetch({
    timeoutMs,
    signal,
    stats,
    fetchImpl,
    limiter,
    retry,
    observer,
  });
  // Set over whatever a request carries (a handler cannot name another organization), as plain
  // fields: openapi-fetch merges the headers it is given into a new Headers list for every request.
  const fetch = async (request: Request): Promise<Response> => {
    const credentialHeaders = await credential.headers();
    if (request instanceof OutgoingRequest) {
      request.setFields(headers);
      request.setFields(credentialHeaders);
    } else {
      for (const name in headers) request.headers.set(name, headers[name]!);
      for (const name in credentialHeaders) request.headers.set(name, credentialHeaders[name]!);
    }
    const response = await upstream(request);
    // An error answer names the organization it was for (a refusal may be the organization's).
    return orgId && !response.ok ? answeredFor(response, orgId) : response;
  };
  const api = Object.create(lazyClients(baseUrls)) as LazyApi;
  api[MAKE] = (spec) => {
    const client = createClient({
      baseUrl: baseUrls[spec as keyof Paths & string],
      fetch,
      // Requests without a fetch Request's body stream and signal (see OutgoingRequest).
      Request: OutgoingRequest as unknown as typeof Request,
    });
    // The guard first: a request it refuses is never tagged, limited or sent.
    client.use(pathParamGuard, operationTagger(spec));
    return client;
  };
  return api as unknown as { [Spec in keyof Paths]: Client<Paths[Spec] & {}> };
}

/** Where an API object keeps the maker of its clients. */
const MAKE = Symbol('make client');

interface LazyApi {
  [MAKE]: (spec: string) => unknown;
}

const prototypes = new WeakMap<object, object>();

/**
 * The prototype of the API objects of one set of specs: a getter per spec id that makes the spec's
 * client when a handler first reads it, and keeps it as the object's own property. A call reads
 * one spec, seldom two; the clients of the others are never made. One prototype per set of base
 * URLs, so that every call's API object has the same shape.
 */
function lazyClients(baseUrls: Record<string, string>): object {
  let prototype = prototypes.get(baseUrls);
  if (!prototype) {
    prototype = {};
    for (const spec of Object.keys(baseUrls)) {
      Object.defineProperty(prototype, spec, {
        enumerable: true,
        get(this: LazyApi) {
          const client = this[MAKE](spec);
          Object.defineProperty(this, spec, { value: client, enumerable: true });
          return client;
        },
      });
    }
    prototypes.set(baseUrls, prototype);
  }
  return prototype;
}
