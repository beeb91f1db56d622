/**
 * undici's connection pool and `request`, loaded by src/upstream/undici-client.ts with the first
 * upstream call (a dynamic import: their own chunk of the bundle). undici's index also loads its
 * fetch, WebSocket, cache and mock modules; these two load in well under half the time. Imported by
 * path (undici has no exports map; src/upstream/undici-internals.d.ts types them).
 */
import type { Agent as UndiciAgent, Dispatcher } from 'undici';
import AgentModule from 'undici/lib/dispatcher/agent.js';
import requestModule from 'undici/lib/api/api-request.js';

export const Agent = AgentModule as typeof UndiciAgent;
export const request = requestModule as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;
