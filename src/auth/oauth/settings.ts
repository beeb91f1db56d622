/**
 * OAuth mode from the configuration (`--auth oauth` and the `oauth.*` settings): which
 * authorization server, which identity provider, which upstream credential, which policy. A
 * missing or inconsistent setting stops the server at start with a message saying what to set.
 */
import type { JWK } from 'jose';
import type { Logger } from 'pino';
import { ConfigError } from '../../config.js';
import type { Config } from '../../config.js';
import type { ToolDefinition } from '../../registry/types.js';
import { loadPolicyFile } from '../policy/policy-file.js';
import {
  SERVICE_ACCOUNT_TOKEN_URLS,
  apiKeyCredential,
  serviceAccountCredential,
} from '../service-account.js';
import type { Credential } from '../types.js';
import { createOAuth } from './index.js';
import type { OAuth } from './index.js';
import type { AdapterFactory } from './memory-adapter.js';

/** What the embedded sandbox provides in OAuth mode. */
export interface SandboxOAuth {
  serviceAccount: { clientId: string; clientSecret: string; tokenUrl: string };
}

function parseSigningKey(text: string): JWK {
  let jwk: JWK;
  try {
    jwk = JSON.parse(text) as JWK;
  } catch {
    throw new ConfigError(
      'Invalid JUMPCLOUD_MCP_OAUTH_SIGNING_KEY: expected an RSA private key as a JSON Web Key (with "kty":"RSA", "d" and "kid").',
    );
  }
  if (jwk.kty !== 'RSA' || !jwk.d || !jwk.kid) {
    throw new ConfigError(
      'Invalid JUMPCLOUD_MCP_OAUTH_SIGNING_KEY: expected an RSA private key as a JSON Web Key with "kty":"RSA", "d" and "kid".',
    );
  }
  return { ...jwk, alg: 'RS256', use: 'sig' };
}

function upstreamCredential({
  settings,
  config,
  sandbox,
  fetchImpl,
}: {
  settings: Record<string, string | undefined>;
  config: Config;
  sandbox?: SandboxOAuth;
  fetchImpl?: typeof fetch;
}): Credential {
  const id = settings.serviceAccountClientId ?? sandbox?.serviceAccount.clientId;
  const secret = settings.serviceAccountClientSecret ?? sandbox?.serviceAccount.clientSecret;
  if (id && secret) {
    return serviceAccountCredential({
      clientId: id,
      clientSecret: secret,
      tokenUrl:
        settings.serviceAccountTokenUrl ??
        sandbox?.serviceAccount.tokenUrl ??
        SERVICE_ACCOUNT_TOKEN_URLS[config.region],
      fetchImpl,
    });
  }
  if (id || secret) {
    throw new ConfigError(
      'OAuth mode: set both JUMPCLOUD_MCP_SERVICE_ACCOUNT_CLIENT_ID and JUMPCLOUD_MCP_SERVICE_ACCOUNT_CLIENT_SECRET (JumpCloud Admin Portal, Settings, Service Accounts).',
    );
  }
  if (settings.apiKeySecret) return apiKeyCredential(settings.apiKeySecret);
  throw new ConfigError(
    "OAuth mode needs the server's own JumpCloud credential: a service account (JUMPCLOUD_MCP_SERVICE_ACCOUNT_CLIENT_ID and JUMPCLOUD_MCP_SERVICE_ACCOUNT_CLIENT_SECRET) or an API key (JUMPCLOUD_MCP_API_KEY).",
  );
}

export async function oauthFromConfig({
  config,
  v1BaseUrl,
  tools,
  catalog,
  logger,
  sandbox,
  adapters,
  fetchImpl,
}: {
  config: Config;
  v1BaseUrl: string;
  tools: readonly ToolDefinition[];
  catalog: readonly ToolDefinition[];
  logger: Logger;
  sandbox?: SandboxOAuth;
  adapters?: AdapterFactory;
  fetchImpl?: typeof fetch;
}): Promise<OAuth> {
  const settings = config.oauth ?? {};
  const external =
    settings.issuer || settings.jwksUrl
      ? { issuer: settings.issuer, jwksUrl: settings.jwksUrl, audience: settings.audience }
      : undefined;
  if (external && (!external.issuer || !external.jwksUrl)) {
    throw new ConfigError(
      'OAuth with an external authorization server needs both --oauth-issuer (JUMPCLOUD_MCP_OAUTH_ISSUER) and --oauth-jwks-url (JUMPCLOUD_MCP_OAUTH_JWKS_URL).',
    );
  }
  const idpGiven = [settings.idpIssuer, settings.idpClientId, settings.idpClientSecret];
  if (!external && !sandbox && idpGiven.some((value) => !value)) {
    throw new ConfigError(
      'OAuth with the built-in authorization server needs the identity provider people sign in with: --oauth-idp-issuer, --oauth-idp-client-id and JUMPCLOUD_MCP_OAUTH_IDP_CLIENT_SECRET (or an external authorization server with --oauth-issuer and --oauth-jwks-url).',
    );
  }
  if (!external && !settings.signingKeySecret) {
    logger.warn(
      'JUMPCLOUD_MCP_OAUTH_SIGNING_KEY is not set: access tokens are signed with a key made for this process; they do not survive a restart or work across replicas.',
    );
  }
  const policy = settings.policy
    ? await loadPolicyFile({ path: settings.policy, tools })
    : undefined;
  return createOAuth({
    publicUrl: settings.publicUrl,
    ...(external
      ? {
          external: {
            issuer: external.issuer as string,
            jwksUrl: external.jwksUrl as string,
            ...(external.audience ? { audience: external.audience } : {}),
          },
        }
      : {}),
    ...(settings.idpIssuer && settings.idpClientId && settings.idpClientSecret
      ? {
          idp: {
            issuer: settings.idpIssuer,
            clientId: settings.idpClientId,
            clientSecret: settings.idpClientSecret,
          },
        }
      : {}),
    credential: upstreamCredential({ settings, config, sandbox, fetchImpl }),
    v1BaseUrl,
    catalog,
    tools,
    ...(policy ? { policy } : {}),
    apiKeys: config.auth.includes('api-key'),
    ...(adapters ? { adapters } : {}),
    ...(settings.signingKeySecret
      ? { signingKey: parseSigningKey(settings.signingKeySecret) }
      : {}),
    ...(settings.cookieSecret ? { cookieSecret: settings.cookieSecret } : {}),
    logger,
    ...(fetchImpl ? { fetchImpl } : {}),
  });
}
