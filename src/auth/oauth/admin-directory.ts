/**
 * Finds a signed-in person among the organization's administrators by email (V1 `GET /users`, the
 * call behind `admins_list`), with the server's own credential. Answers are cached briefly, and
 * concurrent look-ups of one email share one request.
 */
import { LRUCache } from 'lru-cache';
import type { Credential } from '../types.js';
import { CLOCK_AT_EVERY_CHECK, entryBound } from '../../store/lru-bound.js';

export interface AdminRecord {
  id: string;
  email: string;
  name: string;
  roleName: string;
  suspended: boolean;
}

export interface AdminDirectory {
  /** The administrator with this email, or undefined when there is none. */
  find(email: string): Promise<AdminRecord | undefined>;
}

/** The directory could not be asked: the person is not let in (fail closed). */
export class AdminDirectoryError extends Error {
  readonly status = 503;
  readonly expose = true;
  constructor(message: string) {
    super(message);
    this.name = 'AdminDirectoryError';
  }
}

interface V1Admin {
  _id?: unknown;
  email?: unknown;
  firstname?: unknown;
  lastname?: unknown;
  roleName?: unknown;
  suspended?: unknown;
}

export function createAdminDirectory({
  v1BaseUrl,
  credential,
  ttlMs = 60_000,
  timeoutMs = 10_000,
  fetchImpl = globalThis.fetch,
}: {
  v1BaseUrl: string;
  credential: Credential;
  ttlMs?: number;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}): AdminDirectory {
  const cache = new LRUCache<string, { admin: AdminRecord | undefined }>({
    ...entryBound(5000),
    ...CLOCK_AT_EVERY_CHECK,
    ttl: ttlMs,
  });
  const pending = new Map<string, Promise<AdminRecord | undefined>>();

  const lookUp = async (email: string): Promise<AdminRecord | undefined> => {
    const url = new URL(`${v1BaseUrl}/users`);
    url.searchParams.set('search', email);
    url.searchParams.set('limit', '100');
    let response: Response;
    try {
      response = await fetchImpl(url, {
        headers: {
          ...(await credential.headers()),
          accept: 'application/json',
          'user-agent': 'jumpcloudmcp-signin-bot',
        },
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'ServiceAccountError') {
        throw new AdminDirectoryError(error.message);
      }
      throw new AdminDirectoryError(
        'The server could not reach JumpCloud to look up your administrator role. Try again shortly.',
      );
    }
    if (!response.ok) {
      throw new AdminDirectoryError(
        `JumpCloud answered HTTP ${response.status} when the server looked up your administrator role. An administrator should check the server's JumpCloud credential (service account or API key).`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as { results?: V1Admin[] };
    const wanted = email.toLowerCase();
    const found = (body.results ?? []).find(
      (admin) => typeof admin.email === 'string' && admin.email.toLowerCase() === wanted,
    );
    if (!found) return undefined;
    return {
      id: String(found._id ?? ''),
      email: String(found.email),
      name: [found.firstname, found.lastname].filter((part) => typeof part === 'string').join(' '),
      roleName: typeof found.roleName === 'string' ? found.roleName : '',
      suspended: found.suspended === true,
    };
  };

  return {
    async find(email) {
      const key = email.trim().toLowerCase();
      const hit = cache.get(key);
      if (hit) return hit.admin;
      let request = pending.get(key);
      if (!request) {
        request = lookUp(key).finally(() => pending.delete(key));
        pending.set(key, request);
      }
      const admin = await request;
      cache.set(key, { admin });
      return admin;
    },
  };
}
