import createClient from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import { operationTagger } from './operation.js';
import { pathParamGuard } from './path-params.js';
import type { CredentialLimiter } from './rate-limit.js';
import type { RetryPolicy } from './retry.js';
import { createUpstreamFetch } from './upstream-fetch.js';
import type { UpstreamObserver, UpstreamStats } from './upstream-fetch.js';

/** Who is calling upstream, for one MCP request. The key lives only as long as the request. */
export interface UpstreamCaller {
  apiKey: string;
  orgId?: string;
  clientName: string;
}

/** The User-Agent JumpCloud sees: `jumpcloudmcp-<client>-bot`. */
export function upstreamUserAgent(clientName: string): string {
  return `jumpcloudmcp-${clientName}-bot`;
}

/**
 * One openapi-fetch client per spec id, bound to the caller's key (`x-api-key`), organization
 * (`x-org-id`), user agent, the per-call timeout, the tool call's cancellation signal, the
 * credential's rate budget and the retry policy of reads.
 */
export function createUpstreamApi<Paths extends Record<string, object>>({
  baseUrls,
  caller,
  timeoutMs,
  signal,
  stats,
  fetchImpl,
  limiter,
  retry,
  observer,
}: {
  baseUrls: Record<keyof Paths & string, string>;
  caller: UpstreamCaller;
  timeoutMs: number;
  signal?: AbortSignal;
  stats?: UpstreamStats;
  fetchImpl?: typeof fetch;
  limiter?: CredentialLimiter;
  retry?: RetryPolicy;
  observer?: UpstreamObserver;
}): { [Spec in keyof Paths]: Client<Paths[Spec] & {}> } {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-api-key': caller.apiKey,
    'user-agent': upstreamUserAgent(caller.clientName),
  };
  if (caller.orgId) headers['x-org-id'] = caller.orgId;
  const fetch = createUpstreamFetch({
    timeoutMs,
    signal,
    stats,
    fetchImpl,
    limiter,
    retry,
    observer,
  });
  const api = {} as { [Spec in keyof Paths]: Client<Paths[Spec] & {}> };
  for (const spec of Object.keys(baseUrls) as (keyof Paths & string)[]) {
    const client = createClient<Paths[typeof spec] & {}>({
      baseUrl: baseUrls[spec],
      headers,
      fetch,
    });
    // The guard first: a request it refuses is never tagged, limited or sent.
    client.use(pathParamGuard, operationTagger(spec));
    api[spec] = client;
  }
  return api;
}
