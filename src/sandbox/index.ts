/**
 * An embedded, stateful JumpCloud API for demos, tests and benchmarks: V1 under /api, V2 under
 * /api/v2 and Directory Insights under /insights/directory/v1, all on one origin.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createSandboxApp } from './app.js';
import { FaultRegistry, type ActiveFault, type FaultRule } from './faults.js';
import { RequestLog, type RecordedRequest } from './request-log.js';
import { SandboxState } from './state.js';
import type { OrgData } from './types.js';

export type { ActiveFault, FaultRule, RecordedRequest };
export type { Administrator, DiEvent, OrgData, SandboxKey, System, SystemUser } from './types.js';

export const DEFAULT_SEED = 20260101;

export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** Seed of the generated organizations; same seed, same organizations. */
  seed?: number;
  /** Reference time for seeded dates (events span the 30 days before it); now by default. */
  now?: Date;
  /** Use this MSP key instead of the one derived from the seed. */
  apiKey?: string;
}

export interface SandboxFaults {
  /** Adds a rule and returns its id. */
  set(rule: FaultRule): string;
  /** Removes one rule, or all of them. */
  clear(id?: string): void;
  list(): ActiveFault[];
}

export interface Sandbox {
  /** Origin, e.g. http://127.0.0.1:4010 (V1 is `${url}/api`). */
  url: string;
  /** MSP key: reaches every organization; requests without x-org-id act on orgIds[0]. */
  apiKey: string;
  /** One key per organization (same order as orgIds), bound to that organization alone. */
  orgApiKeys: string[];
  orgIds: string[];
  /**
   * A service account with the MSP key's reach: client credentials at `tokenUrl` give a bearer
   * token the API accepts. `tokensIssued` counts the tokens issued so far.
   */
  serviceAccount: {
    clientId: string;
    clientSecret: string;
    tokenUrl: string;
    tokensIssued: number;
  };
  /** Every API request received so far (oldest first), credentials redacted. */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  faults: SandboxFaults;
  /** Live data of one organization, for assertions. */
  org(id: string): OrgData | undefined;
  /** Rebuilds every organization from the seed and clears faults and the request log. */
  reset(): void;
  /** Milliseconds it took to build the organizations. */
  buildMs: number;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const started = performance.now();
  const state = new SandboxState({
    seed: options.seed ?? DEFAULT_SEED,
    now: (options.now ?? new Date()).getTime(),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
  });
  const buildMs = performance.now() - started;
  const faults = new FaultRegistry();
  const log = new RequestLog();
  const app = createSandboxApp({ state, faults, log });
  const server = app.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  // Longer than a client's idle pause on a busy machine, so a kept-alive socket is not reset
  // under it (Node's default is 5 s); JumpCloud's own front end keeps connections longer too.
  server.keepAliveTimeout = 65_000;
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    apiKey: state.world.mspKey.key,
    orgApiKeys: state.world.orgKeys.map((k) => k.key),
    orgIds: [...state.world.orgIds],
    serviceAccount: {
      get clientId() {
        return state.world.serviceAccount.clientId;
      },
      get clientSecret() {
        return state.world.serviceAccount.clientSecret;
      },
      tokenUrl: `http://${host}:${address.port}/oauth2/token`,
      get tokensIssued() {
        return state.serviceTokensIssued;
      },
    },
    get requests() {
      return log.all();
    },
    clearRequests: () => log.clear(),
    faults: {
      set: (rule) => faults.set(rule),
      clear: (id) => faults.clear(id),
      list: () => faults.list(),
    },
    org: (id) => state.org(id),
    reset: () => {
      state.reset();
      faults.clear();
      log.clear();
    },
    buildMs,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
