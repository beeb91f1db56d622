/**
 * Every setting of the server, once: its flag, environment variable, kind, default and doc line.
 * The Config type, the parser, `--help` and the README's configuration table are derived from this
 * table. A new setting is one entry here (in its section, such as `safety`).
 */
import { REGIONS } from '../upstream/base-urls.js';
import {
  bool,
  httpOrigin,
  httpUrl,
  int,
  keyPrefix,
  list,
  oneOf,
  secret,
  size,
  someOf,
  storeUrl,
  text,
  toolNames,
  toolsets,
} from './parse.js';
import type { Kind } from './parse.js';

export const SIGN_IN_METHODS = ['api-key', 'oauth'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const MIN_CONFIRMATION_SECRET_LENGTH = 32;

/** One setting. `T` is its value once loaded: `undefined` only when it has no default. */
export interface Setting<T> {
  /** Omitted for secrets, which belong in the environment, not in the process list. */
  readonly flag?: `--${string}`;
  readonly env: `JUMPCLOUD_MCP_${string}`;
  readonly description: string;
  readonly kind: Kind<Exclude<T, undefined>>;
  /** The default as the user would write it; parsed by `kind` like any other value. */
  readonly default?: string;
  /** Shown instead of `default` when the default is worked out at run time. */
  readonly defaultText?: string;
  /** A valid value for messages, when there is no default to show. */
  readonly example?: string;
}

interface SettingInit<T> extends Omit<Setting<T>, 'kind' | 'default'> {
  kind: Kind<T>;
}

function setting<T>(init: SettingInit<T> & { default: string }): Setting<T>;
function setting<T>(init: SettingInit<T>): Setting<T | undefined>;
function setting<T>(init: SettingInit<T> & { default?: string }): Setting<T | undefined> {
  return init as Setting<T | undefined>;
}

export const SETTINGS = {
  host: setting({
    flag: '--host',
    env: 'JUMPCLOUD_MCP_HOST',
    kind: text,
    default: '127.0.0.1',
    description: 'Interface to listen on; `0.0.0.0` exposes the server to the network',
  }),
  port: setting({
    flag: '--port',
    env: 'JUMPCLOUD_MCP_PORT',
    kind: int(0, 65535),
    default: '8080',
    description: 'TCP port (`0` picks a free one)',
  }),
  region: setting({
    flag: '--region',
    env: 'JUMPCLOUD_MCP_REGION',
    kind: oneOf(REGIONS),
    default: 'us',
    description: 'JumpCloud region: `us`, `eu` or `in`',
  }),
  baseUrl: setting({
    flag: '--base-url',
    env: 'JUMPCLOUD_MCP_BASE_URL',
    kind: httpOrigin,
    example: 'https://proxy.example.com',
    description:
      'Custom upstream origin (a proxy); overrides the region; each API keeps its path (`/api`, `/api/v2`, `/insights/directory/v1`)',
  }),
  stateful: setting({
    flag: '--stateful',
    env: 'JUMPCLOUD_MCP_STATEFUL',
    kind: bool,
    default: 'false',
    description: 'Keep MCP sessions: server-to-client notifications and elicitation',
  }),
  sessionCap: setting({
    flag: '--session-cap',
    env: 'JUMPCLOUD_MCP_SESSION_CAP',
    kind: int(1, 1_000_000),
    default: '1000',
    description: 'Stateful mode: most sessions kept; beyond it the least recently used is closed',
  }),
  sessionIdleSeconds: setting({
    flag: '--session-idle-seconds',
    env: 'JUMPCLOUD_MCP_SESSION_IDLE_SECONDS',
    kind: int(1, 7 * 24 * 3600),
    default: '1800',
    description: 'Stateful mode: a session idle this long is closed',
  }),
  allowedOrigins: setting({
    flag: '--allowed-origins',
    env: 'JUMPCLOUD_MCP_ALLOWED_ORIGINS',
    kind: list,
    default: '',
    example: 'https://app.example.com',
    description: 'Browser origins allowed besides loopback ones (comma-separated; `*` for any)',
  }),
  allowedHosts: setting({
    flag: '--allowed-hosts',
    env: 'JUMPCLOUD_MCP_ALLOWED_HOSTS',
    kind: list,
    default: '',
    defaultText: 'loopback names',
    example: 'mcp.example.com',
    description:
      '`Host` header names accepted (comma-separated; by default loopback names when bound to loopback, any otherwise)',
  }),
  bodyLimit: setting({
    flag: '--body-limit',
    env: 'JUMPCLOUD_MCP_BODY_LIMIT',
    kind: size(1024, 64 * 1024 * 1024),
    default: '1mb',
    description: 'Largest request body, in bytes or with `kb`/`mb` (`413` beyond)',
  }),
  headersTimeoutMs: setting({
    flag: '--headers-timeout-ms',
    env: 'JUMPCLOUD_MCP_HEADERS_TIMEOUT_MS',
    kind: int(1000, 600_000),
    default: '10000',
    description: 'Time to receive request headers',
  }),
  requestTimeoutMs: setting({
    flag: '--request-timeout-ms',
    env: 'JUMPCLOUD_MCP_REQUEST_TIMEOUT_MS',
    kind: int(1000, 600_000),
    default: '30000',
    description: 'Time to receive a whole request',
  }),
  upstreamTimeoutMs: setting({
    flag: '--upstream-timeout-ms',
    env: 'JUMPCLOUD_MCP_UPSTREAM_TIMEOUT_MS',
    kind: int(100, 600_000),
    default: '30000',
    description: 'Time allowed for each JumpCloud API call',
  }),
  shutdownGraceMs: setting({
    flag: '--shutdown-grace-ms',
    env: 'JUMPCLOUD_MCP_SHUTDOWN_GRACE_MS',
    kind: int(0, 600_000),
    default: '10000',
    description: 'On SIGTERM/SIGINT, time in-flight calls get to finish',
  }),
  outputSchemas: setting({
    flag: '--output-schemas',
    env: 'JUMPCLOUD_MCP_OUTPUT_SCHEMAS',
    kind: bool,
    default: 'false',
    description:
      "List each tool's `outputSchema` in `tools/list`, and send results also as `structuredContent`",
  }),
  resultFormat: setting({
    flag: '--result-format',
    env: 'JUMPCLOUD_MCP_RESULT_FORMAT',
    kind: oneOf(['compact', 'json'] as const),
    default: 'compact',
    description:
      'Text of tool results: `compact` (lists as CSV-like rows under a header) or `json`',
  }),
  resultTokenBudget: setting({
    flag: '--result-token-budget',
    env: 'JUMPCLOUD_MCP_RESULT_TOKEN_BUDGET',
    kind: int(1000, 200_000),
    default: '12000',
    description:
      'Most o200k tokens of one tool result; a longer list stops at a whole item and says how to get the rest',
  }),
  upstreamHttp: setting({
    flag: '--upstream-http',
    env: 'JUMPCLOUD_MCP_UPSTREAM_HTTP',
    kind: oneOf(['undici', 'fetch'] as const),
    default: 'undici',
    description:
      "HTTP client for JumpCloud: undici's connection pool (lighter per call) or the global `fetch`",
  }),
  logLevel: setting({
    flag: '--log-level',
    env: 'JUMPCLOUD_MCP_LOG_LEVEL',
    kind: oneOf(LOG_LEVELS),
    default: 'info',
    description: `Log level: ${LOG_LEVELS.map((level) => `\`${level}\``).join(', ')}`,
  }),
  auditLog: setting({
    flag: '--audit-log',
    env: 'JUMPCLOUD_MCP_AUDIT_LOG',
    kind: text,
    default: 'stdout',
    description: 'Where audit records of changing calls go: `stdout`, `stderr` or a file path',
  }),
  store: setting({
    flag: '--store',
    env: 'JUMPCLOUD_MCP_STORE',
    kind: storeUrl,
    default: 'memory',
    description:
      'State shared by replicas (used confirmation tokens, rate limits, caches, OAuth sign-ins and tokens): `memory` (this process only) or a `redis://` or `rediss://` URL',
  }),
  storePrefix: setting({
    flag: '--store-prefix',
    env: 'JUMPCLOUD_MCP_STORE_PREFIX',
    kind: keyPrefix,
    default: 'jcmcp:',
    description: 'Prefix of every key in the shared store',
  }),
  upstreamRate: setting({
    flag: '--upstream-rate',
    env: 'JUMPCLOUD_MCP_UPSTREAM_RATE',
    kind: int(0, 100_000),
    default: '20',
    description:
      'JumpCloud API requests per second per credential and organization, shared by all replicas; `0` for no limit',
  }),
  upstreamBurst: setting({
    flag: '--upstream-burst',
    env: 'JUMPCLOUD_MCP_UPSTREAM_BURST',
    kind: int(0, 1_000_000),
    default: '40',
    description:
      'Requests beyond `--upstream-rate` allowed within any 10 seconds, per credential and organization',
  }),
  upstreamMaxWaitMs: setting({
    flag: '--upstream-max-wait-ms',
    env: 'JUMPCLOUD_MCP_UPSTREAM_MAX_WAIT_MS',
    kind: int(0, 60_000),
    default: '2000',
    description:
      'Longest a call waits for the rate budget before it is refused with a time to retry',
  }),
  upstreamRetries: setting({
    flag: '--upstream-retries',
    env: 'JUMPCLOUD_MCP_UPSTREAM_RETRIES',
    kind: int(0, 5),
    default: '2',
    description:
      'Times a read is sent again after a 429, 502, 503, 504 or dropped connection, within `--upstream-timeout-ms`; changes never are',
  }),
  toolCallsPerMinute: setting({
    flag: '--tool-calls-per-minute',
    env: 'JUMPCLOUD_MCP_TOOL_CALLS_PER_MINUTE',
    kind: int(0, 1_000_000),
    default: '600',
    description: 'Tool calls per minute per principal, shared by all replicas; `0` for no limit',
  }),
  metrics: setting({
    flag: '--metrics',
    env: 'JUMPCLOUD_MCP_METRICS',
    kind: bool,
    default: 'true',
    description: 'Serve Prometheus metrics at `GET /metrics`',
  }),
  metricsPort: setting({
    flag: '--metrics-port',
    env: 'JUMPCLOUD_MCP_METRICS_PORT',
    kind: int(0, 65535),
    example: '9464',
    description:
      'Serve `/metrics` on this port (on `--host`) instead of the MCP port; `0` picks a free one',
  }),
  trustProxy: setting({
    flag: '--trust-proxy',
    env: 'JUMPCLOUD_MCP_TRUST_PROXY',
    kind: bool,
    default: 'false',
    description:
      'Trust `X-Forwarded-For`, `-Host` and `-Proto` from a reverse proxy or load balancer in front',
  }),
  auth: setting({
    flag: '--auth',
    env: 'JUMPCLOUD_MCP_AUTH',
    kind: someOf(SIGN_IN_METHODS),
    default: 'api-key',
    description:
      'Ways to sign in (comma-separated): `api-key` (each client sends its JumpCloud API key), `oauth` (people sign in; the server calls JumpCloud with its own credential); see [Signing in with OAuth](#signing-in-with-oauth)',
  }),
  sandbox: setting({
    flag: '--sandbox',
    env: 'JUMPCLOUD_MCP_SANDBOX',
    kind: bool,
    default: 'false',
    description: 'Start the embedded sandbox organization and serve against it (`npm run demo`)',
  }),
  oauth: {
    publicUrl: setting({
      flag: '--public-url',
      env: 'JUMPCLOUD_MCP_PUBLIC_URL',
      kind: httpOrigin,
      defaultText: 'the listening address',
      example: 'https://mcp.example.com',
      description: 'OAuth: the origin clients reach this server at',
    }),
    idpIssuer: setting({
      flag: '--oauth-idp-issuer',
      env: 'JUMPCLOUD_MCP_OAUTH_IDP_ISSUER',
      kind: httpUrl,
      example: 'https://oauth.id.jumpcloud.com/',
      description:
        'OAuth, built-in authorization server: issuer of the identity provider people sign in with (JumpCloud SSO, Okta, Entra ID, Google)',
    }),
    idpClientId: setting({
      flag: '--oauth-idp-client-id',
      env: 'JUMPCLOUD_MCP_OAUTH_IDP_CLIENT_ID',
      kind: text,
      description: 'OAuth: client id of this server at the identity provider',
    }),
    idpClientSecret: setting({
      env: 'JUMPCLOUD_MCP_OAUTH_IDP_CLIENT_SECRET',
      kind: secret(1),
      description: 'OAuth: client secret of this server at the identity provider',
    }),
    issuer: setting({
      flag: '--oauth-issuer',
      env: 'JUMPCLOUD_MCP_OAUTH_ISSUER',
      kind: httpUrl,
      example: 'https://login.example.com/',
      description:
        'OAuth with an external authorization server: the issuer its access tokens name (the built-in one is then off)',
    }),
    jwksUrl: setting({
      flag: '--oauth-jwks-url',
      env: 'JUMPCLOUD_MCP_OAUTH_JWKS_URL',
      kind: httpUrl,
      example: 'https://login.example.com/.well-known/jwks.json',
      description: 'OAuth with an external authorization server: URL of its signing keys (JWKS)',
    }),
    audience: setting({
      flag: '--oauth-audience',
      env: 'JUMPCLOUD_MCP_OAUTH_AUDIENCE',
      kind: text,
      defaultText: "this server's `/v1` URL",
      description: 'OAuth with an external authorization server: the audience its tokens name',
    }),
    policy: setting({
      flag: '--oauth-policy',
      env: 'JUMPCLOUD_MCP_OAUTH_POLICY',
      kind: text,
      example: 'policy.yaml',
      description:
        'OAuth: YAML access policy narrowing what people may do, per email, group claim or role',
    }),
    serviceAccountClientId: setting({
      flag: '--service-account-client-id',
      env: 'JUMPCLOUD_MCP_SERVICE_ACCOUNT_CLIENT_ID',
      kind: text,
      description:
        'OAuth: client id of the JumpCloud service account the server calls JumpCloud with',
    }),
    serviceAccountClientSecret: setting({
      env: 'JUMPCLOUD_MCP_SERVICE_ACCOUNT_CLIENT_SECRET',
      kind: secret(1),
      description: "OAuth: client secret of the server's JumpCloud service account",
    }),
    serviceAccountTokenUrl: setting({
      flag: '--service-account-token-url',
      env: 'JUMPCLOUD_MCP_SERVICE_ACCOUNT_TOKEN_URL',
      kind: httpUrl,
      defaultText: "the region's",
      description: "OAuth: the service account's token endpoint",
    }),
    apiKey: setting({
      env: 'JUMPCLOUD_MCP_API_KEY',
      kind: secret(16),
      description:
        'OAuth: a JumpCloud API key the server calls JumpCloud with, instead of a service account',
    }),
    signingKey: setting({
      env: 'JUMPCLOUD_MCP_OAUTH_SIGNING_KEY',
      kind: secret(1),
      defaultText: 'a new one per process',
      description:
        'OAuth, built-in authorization server: RS256 private key as a JWK (or a JWK Set whose first key signs, to rotate), the same on every replica; required with a Redis `--store`',
    }),
    cookieSecret: setting({
      env: 'JUMPCLOUD_MCP_OAUTH_COOKIE_SECRET',
      kind: secret(32),
      defaultText: 'random per process',
      description:
        'OAuth, built-in authorization server: signs its sign-in cookies, the same on every replica; required with a Redis `--store`',
    }),
  },
  safety: {
    toolsets: setting({
      flag: '--toolsets',
      env: 'JUMPCLOUD_MCP_TOOLSETS',
      kind: toolsets,
      defaultText: '`all`',
      example: 'users,devices',
      description:
        'Toolsets to offer (comma-separated, or `all`); with `--tools`, both are offered',
    }),
    allow: setting({
      flag: '--tools',
      env: 'JUMPCLOUD_MCP_TOOLS',
      kind: toolNames,
      example: 'users_list,user_get',
      description: 'Tool names to offer besides the toolsets; alone, exactly these',
    }),
    deny: setting({
      flag: '--exclude-tools',
      env: 'JUMPCLOUD_MCP_EXCLUDE_TOOLS',
      kind: toolNames,
      example: 'device_erase',
      description: 'Tool names never offered, whatever else selects them',
    }),
    readOnly: setting({
      flag: '--read-only',
      env: 'JUMPCLOUD_MCP_READ_ONLY',
      kind: bool,
      default: 'false',
      description: 'Offer only tools annotated read-only',
    }),
    confirmationSecret: setting({
      env: 'JUMPCLOUD_MCP_CONFIRMATION_SECRET',
      kind: secret(MIN_CONFIRMATION_SECRET_LENGTH),
      defaultText: 'random per process',
      example: '"$(openssl rand -base64 48)"',
      description: `Signs the confirmation tokens of destructive tools: ${MIN_CONFIRMATION_SECRET_LENGTH}+ characters, the same on every replica; required when \`NODE_ENV=production\``,
    }),
    confirmationTtlSeconds: setting({
      flag: '--confirmation-ttl-seconds',
      env: 'JUMPCLOUD_MCP_CONFIRMATION_TTL_SECONDS',
      kind: int(30, 3600),
      default: '300',
      description: 'How long a confirmation token stays valid',
    }),
    usedTokenCacheSize: setting({
      flag: '--used-token-cache-size',
      env: 'JUMPCLOUD_MCP_USED_TOKEN_CACHE_SIZE',
      kind: int(1000, 10_000_000),
      default: '100000',
      description:
        'Used confirmation tokens one process remembers to refuse replays; when full, new confirmations are refused until tokens expire',
    }),
    protectedUsers: setting({
      flag: '--protected-users',
      env: 'JUMPCLOUD_MCP_PROTECTED_USERS',
      kind: list,
      default: '',
      example: 'breakglass@example.com',
      description: 'User ids, usernames or emails no tool may change (comma-separated)',
    }),
    protectedDevices: setting({
      flag: '--protected-devices',
      env: 'JUMPCLOUD_MCP_PROTECTED_DEVICES',
      kind: list,
      default: '',
      example: 'db-prod-01',
      description: 'Device ids, hostnames or display names no tool may change (comma-separated)',
    }),
    maxObjectsPerCall: setting({
      flag: '--max-objects-per-call',
      env: 'JUMPCLOUD_MCP_MAX_OBJECTS_PER_CALL',
      kind: int(1, 1000),
      default: '10',
      description: 'Most objects one changing call may act on',
    }),
  },
};

/** A table of settings, possibly in sections. */
export interface SettingTree {
  readonly [key: string]: Setting<unknown> | SettingTree;
}

/** The loaded values of a table: each setting's value type, sections kept. */
export type ConfigOf<T> = {
  -readonly [K in keyof T]: T[K] extends Setting<infer V> ? V : ConfigOf<T[K]>;
};

export type Config = ConfigOf<typeof SETTINGS>;
export type SafetyConfig = Config['safety'];
export type OAuthConfig = Config['oauth'];

export function isSetting(node: Setting<unknown> | SettingTree): node is Setting<unknown> {
  return typeof node.env === 'string' && 'kind' in node;
}

/** Every setting with its dotted path (`safety.toolsets`), in table order. */
export function listSettings(
  tree: SettingTree = SETTINGS,
  prefix = '',
): Array<{ path: string; setting: Setting<unknown> }> {
  return Object.entries(tree).flatMap(([key, node]) =>
    isSetting(node)
      ? [{ path: `${prefix}${key}`, setting: node }]
      : listSettings(node, `${prefix}${key}.`),
  );
}
