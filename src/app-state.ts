/**
 * What middleware learns about a request, typed once (Koa's `StateT`): each middleware declares
 * the state it reads, and the bridge reads the principal and credential without a cast.
 */
import type { Logger } from 'pino';
import type { Credential, Principal } from './auth/types.js';
import type { Selection } from './safety/types.js';

export interface AppState {
  /** Set by request-log for every request. */
  requestId: string;
  logger: Logger;
  /** Set on /v1 by authenticate. */
  principal?: Principal;
  credential?: Credential;
  /** Set by organization when the request names an MSP organization (`?organizationID=`). */
  orgId?: string;
  /** Set by tool-selection. */
  selection?: Selection;
  /** Set by json-body. */
  body?: unknown;
  rpcMethod?: string;
  /** Set by client-name in stateless mode: the client the caller's last `initialize` named. */
  clientInfoName?: string;
  /** The response headers every answer carries are still to be written (see security-headers). */
  headersPending?: boolean;
  /** Set by the bridge in stateful mode. */
  sessionId?: string;
}

/** The state on /v1 once authenticate, organization and tool-selection have run. */
export interface EndpointState extends AppState {
  principal: Principal;
  credential: Credential;
  selection: Selection;
}
