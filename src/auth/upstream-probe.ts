import { createUpstreamFetch } from '../upstream/upstream-fetch.js';
import { upstreamUserAgent } from '../upstream/create-upstream-api.js';
import type { Probe } from './access-check.js';

/**
 * The read behind the access check: V1 `GET /systemusers?limit=1&fields=_id`, which every
 * administrator role may do, answered with one id. Sent with the credential's headers and the
 * organization (`x-org-id`); no redirect is followed.
 */
export function createUpstreamProbe({
  v1BaseUrl,
  timeoutMs,
  fetchImpl,
}: {
  v1BaseUrl: string;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
}): Probe {
  const url = `${v1BaseUrl}/systemusers?limit=1&fields=_id`;
  return async ({ credential, orgId }) => {
    const fetch = createUpstreamFetch({ timeoutMs, fetchImpl });
    const headers = new Headers(await credential.headers());
    headers.set('accept', 'application/json');
    headers.set('user-agent', upstreamUserAgent('check'));
    if (orgId) headers.set('x-org-id', orgId);
    try {
      const response = await fetch(new Request(url, { headers }));
      return response.status;
    } catch {
      return undefined;
    }
  };
}
