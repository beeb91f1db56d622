/**
 * The one configuration module: every setting has a CLI flag and an environment variable, is
 * validated with zod, and a bad value fails fast with a message naming the flag and the variable.
 * CLI flags win over environment variables, which win over defaults.
 */
import { Command, Option } from 'commander';
import { z } from 'zod';
import { REGIONS } from './upstream/base-urls.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const bool = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const lower = value.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
    if (['0', 'false', 'no', 'off'].includes(lower)) return false;
    return value;
  },
  z.boolean({ invalid_type_error: 'expected true or false' }),
);

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const list = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value,
  z.array(z.string()),
);

const bytes = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(value.trim());
    if (!match) return value;
    const unit = (match[2] ?? 'b').toLowerCase();
    return Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
  },
  z
    .number({ invalid_type_error: 'expected a size such as 1048576, 512kb or 1mb' })
    .int()
    .min(1024)
    .max(64 * 1024 * 1024),
);

const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'expected an http:// or https:// URL')
  // Credentials in the URL would be logged with it (and fetch refuses them); a query or fragment
  // would end up in front of each API's path.
  .refine((value) => {
    const url = new URL(value);
    return url.username === '' && url.password === '';
  }, 'expected no user name or password in the URL (the API key travels in its own header)')
  .refine((value) => {
    const url = new URL(value);
    return url.search === '' && url.hash === '';
  }, 'expected an origin such as https://proxy.example.com, without ? or #');

/** One setting: where it lives in Config, its flag, its environment variable, its schema. */
export interface Setting {
  path: string;
  /** Omitted for secrets, which belong in the environment, not in the process list. */
  flag?: string;
  env: string;
  description: string;
  schema: z.ZodTypeAny;
  /** A flag without a value (`--stateful`), true when present. */
  switch?: boolean;
}

/**
 * All settings. Another part of the product adds its settings here (under its own section, such
 * as `safety.*`) with one entry each.
 */
export const SETTINGS: readonly Setting[] = [
  {
    path: 'host',
    flag: '--host',
    env: 'JUMPCLOUD_MCP_HOST',
    description:
      'interface to listen on (default 127.0.0.1; 0.0.0.0 exposes the server to the network)',
    schema: z.string().min(1).default('127.0.0.1'),
  },
  {
    path: 'port',
    flag: '--port',
    env: 'JUMPCLOUD_MCP_PORT',
    description: 'TCP port (default 8080; 0 picks a free one)',
    schema: int(0, 65535).default(8080),
  },
  {
    path: 'region',
    flag: '--region',
    env: 'JUMPCLOUD_MCP_REGION',
    description: 'JumpCloud region: us, eu or in (default us)',
    schema: z.enum(REGIONS).default('us'),
  },
  {
    path: 'baseUrl',
    flag: '--base-url',
    env: 'JUMPCLOUD_MCP_BASE_URL',
    description: 'custom upstream origin (a proxy, the sandbox); overrides --region',
    schema: httpUrl.optional(),
  },
  {
    path: 'stateful',
    flag: '--stateful',
    env: 'JUMPCLOUD_MCP_STATEFUL',
    description: 'keep MCP sessions (notifications, elicitation); default stateless',
    schema: bool.default(false),
    switch: true,
  },
  {
    path: 'sessionCap',
    flag: '--session-cap',
    env: 'JUMPCLOUD_MCP_SESSION_CAP',
    description:
      'stateful mode: most sessions kept; the least recently used is closed beyond it (default 1000)',
    schema: int(1, 1_000_000).default(1000),
  },
  {
    path: 'sessionIdleSeconds',
    flag: '--session-idle-seconds',
    env: 'JUMPCLOUD_MCP_SESSION_IDLE_SECONDS',
    description: 'stateful mode: close a session idle this long (default 1800)',
    schema: int(1, 7 * 24 * 3600).default(1800),
  },
  {
    path: 'allowedOrigins',
    flag: '--allowed-origins',
    env: 'JUMPCLOUD_MCP_ALLOWED_ORIGINS',
    description:
      'comma-separated browser origins allowed besides loopback ones, e.g. https://app.example.com; * allows any',
    schema: list.default([]),
  },
  {
    path: 'allowedHosts',
    flag: '--allowed-hosts',
    env: 'JUMPCLOUD_MCP_ALLOWED_HOSTS',
    description:
      'comma-separated Host header names accepted (default: loopback names when bound to loopback, any otherwise)',
    schema: list.default([]),
  },
  {
    path: 'bodyLimit',
    flag: '--body-limit',
    env: 'JUMPCLOUD_MCP_BODY_LIMIT',
    description: 'largest request body, bytes or with kb/mb (default 1mb)',
    schema: bytes.default(1024 * 1024),
  },
  {
    path: 'headersTimeoutMs',
    flag: '--headers-timeout-ms',
    env: 'JUMPCLOUD_MCP_HEADERS_TIMEOUT_MS',
    description: 'time allowed to receive request headers (default 10000)',
    schema: int(1000, 600_000).default(10_000),
  },
  {
    path: 'requestTimeoutMs',
    flag: '--request-timeout-ms',
    env: 'JUMPCLOUD_MCP_REQUEST_TIMEOUT_MS',
    description: 'time allowed to receive a whole request (default 30000)',
    schema: int(1000, 600_000).default(30_000),
  },
  {
    path: 'upstreamTimeoutMs',
    flag: '--upstream-timeout-ms',
    env: 'JUMPCLOUD_MCP_UPSTREAM_TIMEOUT_MS',
    description: 'time allowed for each JumpCloud API call (default 30000)',
    schema: int(100, 600_000).default(30_000),
  },
  {
    path: 'shutdownGraceMs',
    flag: '--shutdown-grace-ms',
    env: 'JUMPCLOUD_MCP_SHUTDOWN_GRACE_MS',
    description: 'on SIGTERM/SIGINT, time in-flight calls get to finish (default 10000)',
    schema: int(0, 600_000).default(10_000),
  },
  {
    path: 'outputSchemas',
    flag: '--output-schemas',
    env: 'JUMPCLOUD_MCP_OUTPUT_SCHEMAS',
    description:
      "list each tool's outputSchema in tools/list (results carry structuredContent either way; default false)",
    schema: bool.default(false),
    switch: true,
  },
  {
    path: 'logLevel',
    flag: '--log-level',
    env: 'JUMPCLOUD_MCP_LOG_LEVEL',
    description: `log level: ${LOG_LEVELS.join(', ')} (default info)`,
    schema: z.enum(LOG_LEVELS).default('info'),
  },
  // Safety layer (src/safety validates these further and applies its defaults).
  {
    path: 'safety.toolsets',
    flag: '--toolsets',
    env: 'JUMPCLOUD_MCP_TOOLSETS',
    description: 'comma-separated toolsets to offer, or all (default all)',
    schema: list.optional(),
  },
  {
    path: 'safety.allow',
    flag: '--tools',
    env: 'JUMPCLOUD_MCP_TOOLS',
    description: 'comma-separated tool names to offer besides --toolsets; alone, exactly these',
    schema: list.optional(),
  },
  {
    path: 'safety.deny',
    flag: '--exclude-tools',
    env: 'JUMPCLOUD_MCP_EXCLUDE_TOOLS',
    description: 'comma-separated tool names never offered',
    schema: list.optional(),
  },
  {
    path: 'safety.readOnly',
    flag: '--read-only',
    env: 'JUMPCLOUD_MCP_READ_ONLY',
    description: 'offer only read-only tools',
    schema: bool.optional(),
    switch: true,
  },
  {
    path: 'safety.confirmationSecret',
    env: 'JUMPCLOUD_MCP_CONFIRMATION_SECRET',
    description:
      'secret (32+ characters, same on every replica) signing confirmation tokens of destructive tools; required in production',
    schema: z.string().optional(),
  },
  {
    path: 'safety.confirmationTtlSeconds',
    flag: '--confirmation-ttl-seconds',
    env: 'JUMPCLOUD_MCP_CONFIRMATION_TTL_SECONDS',
    description: 'how long a confirmation token stays valid (default 300)',
    schema: int(30, 3600).optional(),
  },
  {
    path: 'safety.protectedUsers',
    flag: '--protected-users',
    env: 'JUMPCLOUD_MCP_PROTECTED_USERS',
    description: 'comma-separated user ids, usernames or emails no tool may change',
    schema: list.optional(),
  },
  {
    path: 'safety.protectedDevices',
    flag: '--protected-devices',
    env: 'JUMPCLOUD_MCP_PROTECTED_DEVICES',
    description: 'comma-separated device ids, hostnames or display names no tool may change',
    schema: list.optional(),
  },
  {
    path: 'safety.maxObjectsPerCall',
    flag: '--max-objects-per-call',
    env: 'JUMPCLOUD_MCP_MAX_OBJECTS_PER_CALL',
    description: 'most objects one changing call may act on (default 10)',
    schema: int(1, 1000).optional(),
  },
  {
    path: 'auditLog',
    flag: '--audit-log',
    env: 'JUMPCLOUD_MCP_AUDIT_LOG',
    description:
      'where audit records of changing calls go: stdout, stderr or a file path (default stdout)',
    schema: z.string().min(1).default('stdout'),
  },
  // Sign-in (src/auth: OAuth mode, its authorization server, identity provider and credential).
  {
    path: 'auth',
    flag: '--auth',
    env: 'JUMPCLOUD_MCP_AUTH',
    description:
      'comma-separated sign-in methods: api-key (each client sends its JumpCloud API key), oauth (people sign in; the server uses its own credential); default api-key',
    schema: z
      .preprocess(
        (value) =>
          typeof value === 'string'
            ? value
                .split(',')
                .map((item) => item.trim())
                .filter(Boolean)
            : value,
        z.array(z.enum(['api-key', 'oauth'])).min(1),
      )
      .default(['api-key']),
  },
  {
    path: 'oauth.publicUrl',
    flag: '--public-url',
    env: 'JUMPCLOUD_MCP_PUBLIC_URL',
    description:
      'OAuth: the origin clients reach this server at, e.g. https://mcp.example.com (default: the listening address)',
    schema: httpUrl.optional(),
  },
  {
    path: 'oauth.idpIssuer',
    flag: '--oauth-idp-issuer',
    env: 'JUMPCLOUD_MCP_OAUTH_IDP_ISSUER',
    description:
      'OAuth, built-in authorization server: issuer URL of the identity provider people sign in with (JumpCloud SSO, Okta, Entra ID, Google)',
    schema: httpUrl.optional(),
  },
  {
    path: 'oauth.idpClientId',
    flag: '--oauth-idp-client-id',
    env: 'JUMPCLOUD_MCP_OAUTH_IDP_CLIENT_ID',
    description: 'OAuth: client id of this server at the identity provider',
    schema: z.string().min(1).optional(),
  },
  {
    path: 'oauth.idpClientSecret',
    env: 'JUMPCLOUD_MCP_OAUTH_IDP_CLIENT_SECRET',
    description: 'OAuth: client secret of this server at the identity provider',
    schema: z.string().min(1).optional(),
  },
  {
    path: 'oauth.issuer',
    flag: '--oauth-issuer',
    env: 'JUMPCLOUD_MCP_OAUTH_ISSUER',
    description:
      'OAuth with an external authorization server: the issuer its access tokens name (the built-in one is then off)',
    schema: httpUrl.optional(),
  },
  {
    path: 'oauth.jwksUrl',
    flag: '--oauth-jwks-url',
    env: 'JUMPCLOUD_MCP_OAUTH_JWKS_URL',
    description: 'OAuth with an external authorization server: URL of its signing keys (JWKS)',
    schema: z.string().url().optional(),
  },
  {
    path: 'oauth.audience',
    flag: '--oauth-audience',
    env: 'JUMPCLOUD_MCP_OAUTH_AUDIENCE',
    description:
      "OAuth with an external authorization server: the audience its tokens name (default this server's /v1 URL)",
    schema: z.string().min(1).optional(),
  },
  {
    path: 'oauth.policy',
    flag: '--oauth-policy',
    env: 'JUMPCLOUD_MCP_OAUTH_POLICY',
    description:
      'OAuth: YAML access policy narrowing what people may do, per email, group claim or role',
    schema: z.string().min(1).optional(),
  },
  {
    path: 'oauth.serviceAccountClientId',
    flag: '--service-account-client-id',
    env: 'JUMPCLOUD_MCP_SERVICE_ACCOUNT_CLIENT_ID',
    description:
      'OAuth: client id of the JumpCloud service account the server calls JumpCloud with',
    schema: z.string().min(1).optional(),
  },
  {
    path: 'oauth.serviceAccountClientSecret',
    env: 'JUMPCLOUD_MCP_SERVICE_ACCOUNT_CLIENT_SECRET',
    description: "OAuth: client secret of the server's JumpCloud service account",
    schema: z.string().min(1).optional(),
  },
  {
    path: 'oauth.serviceAccountTokenUrl',
    flag: '--service-account-token-url',
    env: 'JUMPCLOUD_MCP_SERVICE_ACCOUNT_TOKEN_URL',
    description: "OAuth: the service account's token endpoint (default the region's)",
    schema: httpUrl.optional(),
  },
  {
    path: 'oauth.apiKeySecret',
    env: 'JUMPCLOUD_MCP_API_KEY',
    description:
      'OAuth: a JumpCloud API key the server calls JumpCloud with, instead of a service account',
    schema: z.string().min(1).optional(),
  },
  {
    path: 'oauth.signingKeySecret',
    env: 'JUMPCLOUD_MCP_OAUTH_SIGNING_KEY',
    description:
      'OAuth, built-in authorization server: RS256 private key as a JWK (same on every replica); a new one per process by default',
    schema: z.string().min(1).optional(),
  },
  {
    path: 'oauth.cookieSecret',
    env: 'JUMPCLOUD_MCP_OAUTH_COOKIE_SECRET',
    description:
      'OAuth, built-in authorization server: secret signing its sign-in cookies (same on every replica)',
    schema: z.string().min(32).optional(),
  },
  {
    path: 'sandbox',
    flag: '--sandbox',
    env: 'JUMPCLOUD_MCP_SANDBOX',
    description: 'start the embedded sandbox organization and serve against it',
    schema: bool.default(false),
    switch: true,
  },
];

export interface Config {
  host: string;
  port: number;
  region: (typeof REGIONS)[number];
  baseUrl?: string;
  stateful: boolean;
  sessionCap: number;
  sessionIdleSeconds: number;
  allowedOrigins: string[];
  allowedHosts: string[];
  bodyLimit: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  upstreamTimeoutMs: number;
  shutdownGraceMs: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** tools/list includes output schemas. */
  outputSchemas: boolean;
  auditLog: string;
  sandbox: boolean;
  /** Sign-in methods of /v1. */
  auth: ('api-key' | 'oauth')[];
  /** Settings of OAuth mode (paths `oauth.*`; src/auth/oauth/settings.ts reads them). */
  oauth?: Record<string, string | undefined>;
  /** Settings of the safety layer (paths `safety.*`). */
  safety: Record<string, unknown>;
}

/** A setting's value was invalid: the message names the flag and the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function camel(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

/** The commander program: `--help` lists every setting with its environment variable. */
export function createCommand(settings: readonly Setting[] = SETTINGS): Command {
  const program = new Command('jumpcloud-mcp')
    .description(
      'MCP server for administering a JumpCloud organization, over Streamable HTTP at /v1.',
    )
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: (text) => process.stdout.write(text) });
  for (const setting of settings) {
    if (!setting.flag) continue;
    const option = new Option(
      setting.switch ? setting.flag : `${setting.flag} <value>`,
      `${setting.description} [env ${setting.env}]`,
    );
    program.addOption(option);
  }
  const envOnly = settings.filter((setting) => !setting.flag);
  if (envOnly.length > 0) {
    program.addHelpText(
      'after',
      `\nEnvironment only:\n${envOnly.map((setting) => `  ${setting.env}  ${setting.description}`).join('\n')}`,
    );
  }
  return program;
}

/** Reads, validates and returns the configuration; throws ConfigError naming the bad setting. */
export function loadConfig({
  argv = [],
  env = process.env,
  settings = SETTINGS,
}: {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  settings?: readonly Setting[];
} = {}): Config {
  const program = createCommand(settings);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') throw error;
    throw new ConfigError(`${(error as Error).message.replace(/^error: /, '')}. See --help.`);
  }
  const flags = program.opts<Record<string, unknown>>();
  const config: Record<string, unknown> = { safety: {} };
  for (const setting of settings) {
    const fromFlag = setting.flag ? flags[camel(setting.flag)] : undefined;
    const raw =
      fromFlag !== undefined ? fromFlag : env[setting.env] === '' ? undefined : env[setting.env];
    const parsed = setting.schema.safeParse(raw);
    if (!parsed.success) {
      const why = parsed.error.issues.map((issue) => issue.message).join('; ');
      const source = fromFlag !== undefined ? setting.flag : setting.env;
      const names = setting.flag ? `${setting.flag} / ${setting.env}` : setting.env;
      const shown = /secret/i.test(setting.path)
        ? '(hidden)'
        : // A password in a URL's user info is not repeated either.
          String(JSON.stringify(raw)).replace(/(\/\/)[^/@"]*@/g, '$1[redacted]@');
      throw new ConfigError(`Invalid ${source} (${names}): ${why}. Got ${shown}.`);
    }
    if (parsed.data !== undefined) setPath(config, setting.path, parsed.data);
  }
  if ((config.headersTimeoutMs as number) > (config.requestTimeoutMs as number)) {
    throw new ConfigError(
      `Invalid --headers-timeout-ms (JUMPCLOUD_MCP_HEADERS_TIMEOUT_MS): ${String(config.headersTimeoutMs)} is longer than --request-timeout-ms (JUMPCLOUD_MCP_REQUEST_TIMEOUT_MS) ${String(config.requestTimeoutMs)}; the headers are part of the request.`,
    );
  }
  return config as unknown as Config;
}
