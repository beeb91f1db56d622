/** Per-request state shared by the sandbox middleware and routes. */
import type { RouterContext } from '@koa/router';
import type { OrgData, SandboxKey } from './types.js';

export interface RequestState {
  /** Organization the request acts on. */
  org: OrgData;
  /** Every organization named by x-org-id (Directory Insights accepts several). */
  orgs: OrgData[];
  key: SandboxKey;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
  /** Set when the body was present but not valid JSON. */
  bodyError?: string;
  /** Set when a fault dropped the connection. */
  dropped?: boolean;
}

export type SandboxContext = RouterContext<RequestState>;
