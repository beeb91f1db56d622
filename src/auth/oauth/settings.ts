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
import type { SharedStore } from '../../store/types.js';
import { loadPolicyFile } from '../policy/policy-file.js';
import { apiKeyCredential } from '../api-key.js';
import { SERVICE_ACCOUNT_TOKEN_URLS, serviceAccountCredential } from '../service-account.js';
import type { Credential } from '../types.js';
import { createOAuth } from './index.js';
import type { OAuth } from './index.js';

/** What the embedded sandbox provides in OAuth mode. */
export interface SandboxOAuth {
  serviceAccount: { clientId: string; clientSecret: string; tokenUrl: string };
}

const SIGNING_KEY_EXPECTED =
  'an RSA private key as a JSON Web Key ({"kty":"RSA","d":...,"kid":...}), or a JWK Set ({"keys":[...]}) whose first key signs and whose other keys still verify tokens signed before a rotation';

/** JUMPCLOUD_MCP_OAUTH_SIGNING_KEY: one private JWK, or a JWK Set for a rotation. */
export function parseSigningKeys(text: string): JWK[] {
  const invalid = (problem: string) =>
    new ConfigError(
      `Invalid JUMPCLOUD_MCP_OAUTH_SIGNING_KEY: ${problem}; expected ${SIGNING_KEY_EXPECTED}.`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('not JSON');
  }
  const keys =
    parsed && typeof parsed === 'object' && Array.isArray((parsed as { keys?: unknown }).keys)
      ? ((parsed as { keys: unknown[] }).keys as JWK[])
      : [parsed as JWK];
  if (keys.length === 0) throw invalid('the key set is empty');
  const kids = new Set<string>();
  return keys.map((jwk, index) => {
    const which = keys.length > 1 ? `key ${index + 1}` : 'the key';
    if (!jwk || typeof jwk !== 'object' || jwk.kty !== 'RSA' || !jwk.d || !jwk.kid) {
      throw invalid(`${which} is not an RSA private key with "kty":"RSA", "d" and "kid"`);
    }
    if (kids.has(jwk.kid)) throw invalid(`two keys have the kid ${JSON.stringify(jwk.kid)}`);
    kids.add(jwk.kid);
    return { ...jwk, alg: 'RS256', use: 'sig' };
  });
}

/**
 * The server's own JumpCloud credential: the service account when one is set (or the sandbox's),
 * else the server-side API key. load.ts has checked that one of them is set.
 */
function upstreamCredential({
  config,
  sandbox,
  store,
  fetchImpl,
}: {
  config: Config;
  sandbox?: SandboxOAuth;
  store?: SharedStore;
  fetchImpl?: typeof fetch;
}): Credential {
  const { oauth } = config;
  const id = oauth.serviceAccountClientId ?? sandbox?.serviceAccount.clientId;
  const secret = oauth.serviceAccountClientSecret ?? sandbox?.serviceAccount.clientSecret;
  if (id && secret) {
    return serviceAccountCredential({
      clientId: id,
      clientSecret: secret,
      tokenUrl:
        oauth.serviceAccountTokenUrl ??
        sandbox?.serviceAccount.tokenUrl ??
        SERVICE_ACCOUNT_TOKEN_URLS[config.region],
      ...(store ? { cache: store.cache } : {}),
      fetchImpl,
    });
  }
  if (oauth.apiKey) return apiKeyCredential(oauth.apiKey);
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
  store,
  fetchImpl,
}: {
  config: Config;
  v1BaseUrl: string;
  tools: readonly ToolDefinition[];
  catalog: readonly ToolDefinition[];
  logger: Logger;
  sandbox?: SandboxOAuth;
  /**
   * Where the authorization server keeps its state and the service-account token is cached (the
   * `--store`); this process's memory when omitted.
   */
  store?: SharedStore;
  fetchImpl?: typeof fetch;
}): Promise<OAuth> {
  const settings = config.oauth;
  const external =
    settings.issuer !== undefined && settings.jwksUrl !== undefined
      ? { issuer: settings.issuer, jwksUrl: settings.jwksUrl, audience: settings.audience }
      : undefined;
  if (!external && !settings.signingKey) {
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
            issuer: external.issuer,
            jwksUrl: external.jwksUrl,
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
    credential: upstreamCredential({ config, sandbox, store, fetchImpl }),
    v1BaseUrl,
    catalog,
    tools,
    ...(policy ? { policy } : {}),
    apiKeys: config.auth.includes('api-key'),
    ...(store ? { adapters: store.oidcAdapters } : {}),
    ...(settings.signingKey ? { signingKeys: parseSigningKeys(settings.signingKey) } : {}),
    ...(settings.cookieSecret ? { cookieSecret: settings.cookieSecret } : {}),
    logger,
    ...(fetchImpl ? { fetchImpl } : {}),
  });
}
