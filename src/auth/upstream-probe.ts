import { createUpstreamFetch } from '../upstream/upstream-fetch.js';
import { upstreamUserAgent } from '../upstream/create-upstream-api.js';
import type { PlainGet } from '../upstream/undici-client.js';
import type { Probe } from './access-check.js';

/**
 * Statuses createUpstreamFetch never passes on (undici answers no informational status as a
 * response): for the probe, no usable answer.
 */
const UNUSABLE = new Set([101, 103]);

/**
 * The status a read answered, as createUpstreamFetch reports it: a 2xx body that is not JSON is no
 * usable answer (undefined), like a failure, a timeout or an unreadable body.
 */
async function plainStatus({
  plainGet,
  url,
  headers,
  timeoutMs,
}: {
  plainGet: PlainGet;
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}): Promise<number | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const { status, body } = await plainGet({ url, headers, signal: controller.signal });
    if (UNUSABLE.has(status)) return undefined;
    if (status >= 200 && status < 300 && status !== 204 && status !== 205) {
      const text = body.toString('utf8');
      if (text.trim() !== '') JSON.parse(text);
    }
    return status;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The read behind the access check: V1 `GET /systemusers?limit=1&fields=_id`, which every
 * administrator role may do, answered with one id. Sent with the credential's headers and the
 * organization (`x-org-id`); no redirect is followed. With the undici client it is sent without
 * Fetch API objects (the first request of a start need not load Node's fetch), else through
 * createUpstreamFetch; both report the same statuses (test/host/undici-client.test.ts).
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
  const plainGet = (fetchImpl as { plainGet?: PlainGet } | undefined)?.plainGet;
  if (plainGet) {
    return async ({ credential, orgId }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(await credential.headers())) {
        headers[name.toLowerCase()] = value;
      }
      headers.accept = 'application/json';
      headers['user-agent'] = upstreamUserAgent('check');
      if (orgId) headers['x-org-id'] = orgId;
      return plainStatus({ plainGet, url, headers, timeoutMs });
    };
  }
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
