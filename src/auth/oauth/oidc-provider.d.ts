/** The parts of oidc-provider (v9, untyped) this server uses. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type Koa from 'koa';

  export interface AdapterPayload {
    [key: string]: unknown;
    grantId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface ClientRecord {
    clientId: string;
    clientName?: string;
    clientUri?: string;
    logoUri?: string;
    redirectUris?: string[];
  }

  export interface InteractionRecord {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown> & { client_id: string; scope?: string; resource?: string };
    session?: { accountId: string; uid: string };
    grantId?: string;
    lastSubmission?: Record<string, unknown>;
    result?: Record<string, unknown>;
    returnTo: string;
    exp: number;
    save(ttl: number): Promise<string>;
  }

  export interface GrantRecord {
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    rejectResourceScope(resource: string, scope: string): void;
    rejectOIDCScope(scope: string): void;
    save(): Promise<string>;
    destroy(): Promise<void>;
  }

  export interface TokenRecord {
    kind: string;
    jti: string;
    accountId?: string;
    clientId?: string;
    grantId?: string;
    scope?: string;
  }

  export class Provider extends Koa {
    constructor(issuer: string, configuration: Record<string, unknown>);
    readonly issuer: string;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionRecord>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
    Interaction: { find(uid: string): Promise<InteractionRecord | undefined> };
    Client: { find(id: string): Promise<ClientRecord | undefined> };
    Grant: {
      new (input: { accountId: string; clientId: string }): GrantRecord;
      find(id: string): Promise<GrantRecord | undefined>;
    };
  }

  /** An error oidc-provider answers itself: `error`, `error_description` and the HTTP status. */
  export interface OIDCProviderError extends Error {
    error: string;
    error_description?: string;
    status: number;
    statusCode: number;
    expose: boolean;
  }

  type OIDCProviderErrorClass = new (
    description?: string,
    options?: { cause?: unknown },
  ) => OIDCProviderError;

  export const errors: {
    InvalidTarget: OIDCProviderErrorClass;
    SessionNotFound: OIDCProviderErrorClass;
    InvalidClientMetadata: OIDCProviderErrorClass;
    InvalidGrant: OIDCProviderErrorClass;
    TemporarilyUnavailable: OIDCProviderErrorClass;
  };

  export default Provider;
}
