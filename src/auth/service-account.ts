/**
 * The server's own upstream credential in OAuth mode: a JumpCloud service account (OAuth 2.0
 * client credentials at the region's token endpoint, then `Authorization: Bearer` to the API) or a
 * server-side API key. The service-account token is cached until shortly before it expires, and any
 * number of concurrent calls share one refresh. With a shared store the cache is shared too: every
 * replica uses the token the first one fetched. There it is kept sealed (AES-256-GCM under a key
 * derived from the client secret), so reading the store does not give a JumpCloud token. Secrets
 * never appear in errors or logs.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { KeyedCache } from '../store/types.js';
import type { Region } from '../upstream/base-urls.js';
import { ToolError } from '../upstream/errors.js';
import type { Credential } from './types.js';

/** JumpCloud's service-account token endpoint of each region. */
export const SERVICE_ACCOUNT_TOKEN_URLS: Readonly<Record<Region, string>> = {
  us: 'https://admin-oauth.id.jumpcloud.com/oauth2/token',
  eu: 'https://admin-oauth.id.eu.jumpcloud.com/oauth2/token',
  in: 'https://admin-oauth.id.in.jumpcloud.com/oauth2/token',
};

function fingerprint(prefix: string, secret: string): string {
  return `${prefix}_${createHash('sha256').update(secret).digest('hex').slice(0, 12)}`;
}

/** The service account's token could not be had: no JumpCloud call is made. */
export class ServiceAccountError extends ToolError {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceAccountError';
  }
}

export interface ServiceAccountOptions {
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
  /** Refresh this long before the token expires (default 60 s). */
  refreshMarginMs?: number;
  /** Time allowed for the token request (default 10 s). */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** The store's cache, shared by replicas; without it the token is cached in this process only. */
  cache?: KeyedCache;
}

/** What the shared cache holds: the sealed token and when to fetch a new one (epoch ms). */
interface CachedToken {
  sealed: string;
  refreshAt: number;
}

/** AES-256-GCM under `key`: `iv.ciphertext.tag`, base64url. */
function seal(key: Buffer, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, body, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

/** The sealed text, or undefined when it was not sealed under `key` (a rotated secret). */
function unseal(key: Buffer, sealed: string): string | undefined {
  const [iv, body, tag] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !body || !tag) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

export interface ServiceAccountCredential extends Credential {
  /** Token requests made so far (for metrics and tests). */
  readonly tokenRequests: number;
}

/** Client credentials at `tokenUrl` (HTTP Basic, `scope=api`), cached, one refresh at a time. */
export function serviceAccountCredential({
  clientId,
  clientSecret,
  tokenUrl,
  refreshMarginMs = 60_000,
  timeoutMs = 10_000,
  fetchImpl = globalThis.fetch,
  now = Date.now,
  cache,
}: ServiceAccountOptions): ServiceAccountCredential {
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;
  let requests = 0;
  const basic = Buffer.from(
    `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`,
  ).toString('base64');

  const fetchToken = async (): Promise<string> => {
    requests += 1;
    let response: Response;
    try {
      response = await fetchImpl(tokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: 'grant_type=client_credentials&scope=api',
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
    } catch {
      throw new ServiceAccountError(
        `The server could not reach JumpCloud's token endpoint (${new URL(tokenUrl).host}) for its service account. Try again shortly; if it persists, an administrator should check the server's network and region.`,
      );
    }
    const body = (await response.json().catch(() => undefined)) as
      { access_token?: unknown; expires_in?: unknown; error?: unknown } | undefined;
    if (!response.ok || typeof body?.access_token !== 'string') {
      const code = typeof body?.error === 'string' ? ` (${body.error.slice(0, 40)})` : '';
      throw new ServiceAccountError(
        `JumpCloud refused the server's service-account credentials with HTTP ${response.status}${code}. An administrator should check JUMPCLOUD_MCP_SERVICE_ACCOUNT_CLIENT_ID and JUMPCLOUD_MCP_SERVICE_ACCOUNT_CLIENT_SECRET (and that the secret has not expired).`,
      );
    }
    const lifetimeMs =
      (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600) * 1000;
    cached = {
      token: body.access_token,
      refreshAt: now() + Math.max(lifetimeMs - refreshMarginMs, lifetimeMs / 2),
    };
    return body.access_token;
  };

  // The shared cache names the account by its token endpoint and client id, never the secret.
  const cacheKey = `sa-token:${createHash('sha256').update(`${tokenUrl}\n${clientId}`).digest('hex').slice(0, 32)}`;
  const sealKey = Buffer.from(
    hkdfSync('sha256', clientSecret, cacheKey, 'jumpcloud-mcp service-account token cache', 32),
  );

  /** The token another replica fetched, if it is still fresh; a store failure is a miss. */
  const fromCache = async (): Promise<string | undefined> => {
    const entry = await cache?.get<CachedToken>(cacheKey).catch(() => undefined);
    if (!entry || typeof entry.sealed !== 'string' || !(now() < entry.refreshAt)) return undefined;
    const shared = unseal(sealKey, entry.sealed);
    if (shared !== undefined) cached = { token: shared, refreshAt: entry.refreshAt };
    return shared;
  };

  const refresh = async (): Promise<string> => {
    const shared = await fromCache();
    if (shared !== undefined) return shared;
    const fresh = await fetchToken();
    const refreshAt = cached?.refreshAt ?? now();
    await cache
      ?.set(cacheKey, { sealed: seal(sealKey, fresh), refreshAt }, refreshAt - now())
      .catch(() => {});
    return fresh;
  };

  const token = (): Promise<string> => {
    if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
    pending ??= refresh().finally(() => (pending = undefined));
    return pending;
  };

  return {
    fingerprint: fingerprint('sa', clientId),
    get tokenRequests() {
      return requests;
    },
    headers: async () => ({ authorization: `Bearer ${await token()}` }),
  };
}
