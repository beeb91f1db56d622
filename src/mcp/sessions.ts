import { LRUCache } from 'lru-cache';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CLOCK_AT_EVERY_CHECK } from '../store/lru-bound.js';

export interface Session {
  server: Server;
  transport: WebStandardStreamableHTTPServerTransport;
  /** The principal that opened the session; no other principal can use it. */
  principalFingerprint: string;
  /** The organization it was opened for; a request naming another (or none) cannot use it. */
  orgId?: string;
}

/**
 * Stateful-mode sessions: capped in number (the least recently used is closed beyond the cap) and
 * closed after `idleMs` without a request.
 */
export class SessionStore {
  private readonly cache: LRUCache<string, Session>;
  private readonly closing = new WeakSet<Session>();

  constructor({ cap, idleMs, clock }: { cap: number; idleMs: number; clock?: { now(): number } }) {
    this.cache = new LRUCache<string, Session>({
      max: cap,
      ttl: idleMs,
      ...CLOCK_AT_EVERY_CHECK,
      ...(clock ? { perf: clock } : {}),
      updateAgeOnGet: true,
      ttlAutopurge: true,
      dispose: (session) => this.close(session),
    });
  }

  get size(): number {
    return this.cache.size;
  }

  get(id: string): Session | undefined {
    return this.cache.get(id);
  }

  add(id: string, session: Session): void {
    this.cache.set(id, session);
  }

  delete(id: string): void {
    this.cache.delete(id);
  }

  /** Closes every session (shutdown). */
  closeAll(): void {
    this.cache.clear();
  }

  private close(session: Session): void {
    if (this.closing.has(session)) return;
    this.closing.add(session);
    void session.server.close().catch(() => {});
  }
}
