import createClient from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import { pathParamGuard } from './path-params.js';
import { createUpstreamFetch } from './upstream-fetch.js';
import type { UpstreamStats } from './upstream-fetch.js';

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
 * (`x-org-id`), user agent, the per-call timeout and the tool call's cancellation signal.
 */
export function createUpstreamApi<Paths extends Record<string, object>>({
  baseUrls,
  caller,
  timeoutMs,
  signal,
  stats,
  fetchImpl,
}: {
  baseUrls: Record<keyof Paths & string, string>;
  caller: UpstreamCaller;
  timeoutMs: number;
  signal?: AbortSignal;
  stats?: UpstreamStats;
  fetchImpl?: typeof fetch;
}): { [Spec in keyof Paths]: Client<Paths[Spec] & {}> } {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-api-key': caller.apiKey,
    'user-agent': upstreamUserAgent(caller.clientName),
  };
  if (caller.orgId) headers['x-org-id'] = caller.orgId;
  const fetch = createUpstreamFetch({ timeoutMs, signal, stats, fetchImpl });
  const api = {} as { [Spec in keyof Paths]: Client<Paths[Spec] & {}> };
  for (const spec of Object.keys(baseUrls) as (keyof Paths & string)[]) {
    const client = createClient<Paths[typeof spec] & {}>({
      baseUrl: baseUrls[spec],
      headers,
      fetch,
    });
    client.use(pathParamGuard);
    api[spec] = client;
  }
  return api;
}
