/**
 * undici's connection pool, loaded by src/upstream/undici-client.ts with the first upstream call (a
 * dynamic import: its own chunk of the bundle). undici's index also loads its fetch, WebSocket,
 * cache and mock modules; the pool alone loads in well under half the time. Imported by path
 * (undici has no exports map; src/upstream/undici-internals.d.ts types it).
 */
import type { Agent as UndiciAgent } from 'undici';
import AgentModule from 'undici/lib/dispatcher/agent.js';

export const Agent = AgentModule as typeof UndiciAgent;
