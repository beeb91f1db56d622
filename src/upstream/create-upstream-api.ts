import createClient from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import type { Credential } from '../auth/types.js';
import type { Cancellation } from './cancellation.js';
import { answeredFor } from './create-upstream-error.js';
import { tagOperation } from './operation.js';
import { OutgoingRequest } from './outgoing-request.js';
import { pathParamProblem } from './path-params.js';
import type { CredentialLimiter } from './rate-limit.js';
import type { RetryPolicy } from './retry.js';
import { createUpstreamFetch } from './upstream-fetch.js';
import type { UpstreamObserver, UpstreamStats } from './upstream-fetch.js';

/** The User-Agent JumpCloud sees: `jumpcloudmcp-<client>-bot`. */
export function upstreamUserAgent(clientName: string): string {
  return `jumpcloudmcp-${clientName}-bot`;
}

/**
 * The typed API of one tool call: per spec id, the spec's openapi-fetch client (one per process),
 * bound to the caller's credential (its headers, asked for on every call), organization
 * (`x-org-id`), user agent, the per-call timeout, the tool call's cancellation signal, the
 * credential's rate budget and the retry policy of reads.
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
  const send = async (request: Request): Promise<Response> => {
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
  api[MAKE] = (spec) => new BoundClient(specClient(baseUrls, spec), spec, send);
  return api as unknown as { [Spec in keyof Paths]: Client<Paths[Spec] & {}> };
}

type AnyClient = Client<Record<string, Record<string, unknown>>>;
type Init = { params?: { path?: Record<string, unknown> } } & Record<string, unknown>;
type Send = (request: Request) => Promise<Response>;

const clients = new WeakMap<object, Map<string, AnyClient>>();

/**
 * The openapi-fetch client of one spec, made once per process: its requests are built as
 * OutgoingRequests (without a fetch Request's body stream and signal), and each goes to the fetch
 * of the call that sends it (BoundClient). It has no middleware: the checks and the operation's
 * tag run in BoundClient, so openapi-fetch skips its middleware machinery on every request.
 */
function specClient(baseUrls: Record<string, string>, spec: string): AnyClient {
  let bySpec = clients.get(baseUrls);
  if (!bySpec) {
    bySpec = new Map();
    clients.set(baseUrls, bySpec);
  }
  let client = bySpec.get(spec);
  if (!client) {
    client = createClient({
      baseUrl: baseUrls[spec],
      fetch: () => {
        throw new Error('An upstream request was sent without the fetch of its tool call.');
      },
      Request: OutgoingRequest as unknown as typeof Request,
    }) as AnyClient;
    bySpec.set(spec, client);
  }
  return client;
}

/**
 * One spec's client as one tool call sees it, with openapi-fetch's methods (GET, POST, ...,
 * request): each request's path parameters are checked first (a request refused is never tagged,
 * limited or sent), then the request is tagged with its operation and sent through the call's
 * fetch. It takes no middleware: `use` and `eject` throw.
 */
class BoundClient {
  constructor(
    private readonly client: AnyClient,
    private readonly spec: string,
    private readonly send: Send,
  ) {}

  run(method: string, path: string, init: Init | undefined): Promise<unknown> {
    const problem = pathParamProblem(path, init?.params?.path);
    if (problem) return Promise.reject(problem);
    const operation = { api: this.spec, method, path };
    const send = this.send;
    const fetch = (request: Request) => {
      tagOperation(request, operation);
      return send(request);
    };
    return (this.client.request as (m: string, p: string, i: object) => Promise<unknown>)(
      method,
      path,
      init === undefined ? { fetch } : { ...init, fetch },
    );
  }

  request(method: string, path: string, init?: Init): Promise<unknown> {
    return this.run(method.toUpperCase(), path, init);
  }

  use(): never {
    throw new Error("A tool call's API takes no openapi-fetch middleware.");
  }

  eject(): never {
    throw new Error("A tool call's API takes no openapi-fetch middleware.");
  }
}

for (const method of ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE']) {
  // As a class's own methods are: writable and configurable, so that a call's client can be
  // wrapped by assigning to it.
  Object.defineProperty(BoundClient.prototype, method, {
    value(this: BoundClient, path: string, init?: Init) {
      return this.run(method, path, init);
    },
    writable: true,
    configurable: true,
  });
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
