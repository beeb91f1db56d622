/**
 * Reads the settings table from flags and environment variables (flags win, then variables, then
 * defaults). Every bad value, and every contradiction between settings, is a ConfigError naming
 * what the user set (the flag or the variable), the value (secrets hidden) and the fix.
 */
import { Command, Option } from 'commander';
import { tools as generatedTools } from '../../generated/index.js';
import { plain, settingDoc } from './docs.js';
import { ConfigError, productionSecretMessage } from './errors.js';
import { InvalidValue } from './parse.js';
import type { ToolCatalog } from './parse.js';
import { listSettings } from './settings.js';
import type { Config, Setting } from './settings.js';

/** The toolsets and tools of generated/, which names in settings are checked against. */
export const TOOL_CATALOG: ToolCatalog = {
  toolsets: [...new Set(generatedTools.map((tool) => tool.toolset))].sort(),
  tools: generatedTools.map((tool) => tool.name).sort(),
};

type From = 'flag' | 'env' | 'default';

export interface LoadedConfig {
  config: Config;
  /** How to name a setting to this user: the flag or variable they set, else both. */
  label(path: string): string;
  /** Variables that look like settings but are none (a typo, or a setting this version lacks). */
  warnings: string[];
}

const BY_PATH = new Map(listSettings().map(({ path, setting }) => [path, setting]));
const PATH_BY_ENV = new Map<string, string>(
  listSettings().map(({ path, setting }) => [setting.env, path]),
);

function settingAt(path: string): Setting<unknown> {
  const setting = BY_PATH.get(path);
  if (!setting) throw new Error(`no setting ${path}`);
  return setting;
}

function bothNames(setting: Setting<unknown>): string {
  return setting.flag ? `${setting.flag} (or ${setting.env})` : setting.env;
}

/** The commander program: `--help` lists every setting with its variable and default. */
export function createCommand(): Command {
  const program = new Command('jumpcloud-mcp')
    .description(
      'MCP server for administering a JumpCloud organization, over Streamable HTTP at /v1.',
    )
    .allowExcessArguments(false)
    // Wide enough that the longest flag leaves room for its description and default on one line.
    .configureHelp({ helpWidth: 120 })
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: (out) => process.stdout.write(out) });
  const envOnly: string[] = [];
  for (const { setting } of listSettings()) {
    const doc = settingDoc(setting);
    const shownDefault = doc.default ? [`default: ${plain(doc.default)}`] : [];
    if (!doc.flag) {
      const notes = shownDefault.length > 0 ? ` (${shownDefault.join('')})` : '';
      envOnly.push(`  ${doc.env}\n      ${plain(doc.description)}${notes}`);
      continue;
    }
    const notes = [...shownDefault, `env ${doc.env}`].join('; ');
    program.addOption(
      new Option(`${doc.flag} ${setting.kind.placeholder}`, `${plain(doc.description)} (${notes})`),
    );
  }
  for (const [name, description] of Object.entries(ENTRY_VARIABLES))
    envOnly.push(`  ${name}\n      ${description}`);
  program.addHelpText(
    'after',
    `\nEnvironment only:\n${envOnly.join('\n')}\n\n` +
      'A flag wins over its variable, which wins over the default.',
  );
  return program;
}

function attributeName(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** What the user gave, as a message repeats it: secrets hidden, URL credentials redacted. */
function given({
  setting,
  from,
  raw,
}: {
  setting: Setting<unknown>;
  from: 'flag' | 'env';
  raw: string;
}): string {
  const name = from === 'flag' ? (setting.flag as string) : setting.env;
  if (setting.kind.secret) return `${name} (hidden, ${raw.length} characters)`;
  const cut = raw.length > 120 ? `${raw.slice(0, 120)}…` : raw;
  const value = JSON.stringify(cut).replace(/(\/\/)[^/@"]*@/g, '$1[redacted]@');
  return from === 'flag' ? `${name} ${value}` : `${name}=${value}`;
}

function example(setting: Setting<unknown>, from: 'flag' | 'env'): string {
  const value = setting.example ?? (setting.default || undefined) ?? setting.kind.expected;
  if (from === 'env') return `${setting.env}=${value}`;
  return setting.kind.switch ? `${setting.flag}=${value}` : `${setting.flag} ${value}`;
}

function invalid({
  setting,
  from,
  raw,
  error,
}: {
  setting: Setting<unknown>;
  from: 'flag' | 'env';
  raw: string;
  error: InvalidValue;
}): string {
  return `${given({ setting, from, raw })} is not valid: ${error.problem}. Use ${error.expected ?? setting.kind.expected}, e.g. ${example(setting, from)}.`;
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

/** Edit distance counting a swap of two neighbours as one edit, to suggest what a typo meant. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * Variables read before the configuration is: the built entry's code cache (src/boot.ts), which
 * works before any setting is read and so is not a setting.
 */
export const ENTRY_VARIABLES = {
  JUMPCLOUD_MCP_COMPILE_CACHE:
    "The built entry's V8 code cache: a directory that only this service can write, or off (default: .cache beside dist/main.js)",
} as const;

function unknownVariables(env: NodeJS.ProcessEnv): string[] {
  const known = [...PATH_BY_ENV.keys()];
  return Object.keys(env)
    .filter(
      (name) =>
        name.startsWith('JUMPCLOUD_MCP_') &&
        !PATH_BY_ENV.has(name) &&
        !Object.hasOwn(ENTRY_VARIABLES, name),
    )
    .map((name) => {
      const distances = known.map((k) => distance(name, k));
      const nearest = Math.min(...distances);
      const near = nearest <= 3 ? known.filter((_, i) => distances[i] === nearest) : [];
      const hint = near.length > 0 ? ` Did you mean ${near.join(' or ')}?` : '';
      return `${name} is not a setting of this server and is ignored.${hint} See --help.`;
    });
}

/** Checks between settings, once each is valid on its own. */
function crossChecks({
  config,
  label,
  env,
}: {
  config: Config;
  label: (path: string) => string;
  env: NodeJS.ProcessEnv;
}): string[] {
  const problems: string[] = [];
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    problems.push(
      `${label('headersTimeoutMs')} (${config.headersTimeoutMs}) is longer than ${label('requestTimeoutMs')} (${config.requestTimeoutMs}), and the headers are part of the request. ` +
        `Make ${label('headersTimeoutMs')} at most ${config.requestTimeoutMs}, or raise ${label('requestTimeoutMs')}.`,
    );
  }
  const denied = new Set(config.safety.deny ?? []);
  const both = (config.safety.allow ?? []).filter((name) => denied.has(name));
  if (both.length > 0) {
    problems.push(
      `${both.map((name) => `'${name}'`).join(', ')} is in both ${label('safety.allow')} and ${label('safety.deny')}. ` +
        'The exclusion would win; remove it from one of them.',
    );
  }
  if (config.sandbox && config.baseUrl !== undefined) {
    problems.push(
      `${label('sandbox')} serves against the embedded sandbox, so ${label('baseUrl')} would be ignored. Remove one of them.`,
    );
  }
  if (config.auth.includes('oauth')) problems.push(...oauthChecks({ config, label }));
  if (env.NODE_ENV === 'production' && config.safety.confirmationSecret === undefined) {
    problems.push(productionSecretMessage());
  }
  return problems;
}

/** What OAuth sign-in needs besides `--auth oauth`, said as the settings to give. */
function oauthChecks({
  config,
  label,
}: {
  config: Config;
  label: (path: string) => string;
}): string[] {
  const problems: string[] = [];
  const { oauth } = config;
  const external = oauth.issuer !== undefined || oauth.jwksUrl !== undefined;
  if (external && (oauth.issuer === undefined || oauth.jwksUrl === undefined)) {
    problems.push(
      `OAuth with an external authorization server needs both ${label('oauth.issuer')} and ${label('oauth.jwksUrl')}.`,
    );
  }
  const idp = [oauth.idpIssuer, oauth.idpClientId, oauth.idpClientSecret];
  if (!external && !config.sandbox && idp.some((value) => value === undefined)) {
    problems.push(
      `OAuth with the built-in authorization server needs the identity provider people sign in with: ${label('oauth.idpIssuer')}, ${label('oauth.idpClientId')} and ${label('oauth.idpClientSecret')} (or an external authorization server with ${label('oauth.issuer')} and ${label('oauth.jwksUrl')}).`,
    );
  }
  if (!external && config.store !== 'memory') {
    // Replicas share one store, so any of them may see a sign-in another started: all must sign
    // tokens and cookies with the same keys, which a per-process key cannot be.
    const missing = [
      oauth.signingKey === undefined ? label('oauth.signingKey') : undefined,
      oauth.cookieSecret === undefined ? label('oauth.cookieSecret') : undefined,
    ].filter((name): name is string => name !== undefined);
    if (missing.length > 0) {
      problems.push(
        `OAuth with the built-in authorization server on a shared store (${label('store')}) needs the keys every replica signs with: set ${missing.join(' and ')}, the same on every replica (README, "Deployment", says how to make them).`,
      );
    }
  }
  const id = oauth.serviceAccountClientId;
  const secret = oauth.serviceAccountClientSecret;
  if ((id === undefined) !== (secret === undefined)) {
    problems.push(
      `OAuth: set both ${label('oauth.serviceAccountClientId')} and ${label('oauth.serviceAccountClientSecret')} (JumpCloud Admin Portal, Settings, Service Accounts).`,
    );
  } else if (id === undefined && oauth.apiKey === undefined && !config.sandbox) {
    problems.push(
      `OAuth needs the server's own JumpCloud credential: a service account (${label('oauth.serviceAccountClientId')} and ${label('oauth.serviceAccountClientSecret')}) or an API key (${label('oauth.apiKey')}).`,
    );
  }
  return problems;
}

/**
 * Reads, validates and returns the configuration with the names the user gave each setting.
 * Throws ConfigError listing every problem; `--help` throws commander's help error.
 */
export function readConfig({
  argv = [],
  env = process.env,
  catalog = TOOL_CATALOG,
}: {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  catalog?: ToolCatalog;
} = {}): LoadedConfig {
  const program = createCommand();
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') throw error;
    throw new ConfigError(`${(error as Error).message.replace(/^error: /, '')}. See --help.`);
  }
  const flags = program.opts<Record<string, unknown>>();
  const config: Record<string, unknown> = {};
  const sources = new Map<string, From>();
  const problems: string[] = [];
  for (const { path, setting } of listSettings()) {
    const flagValue = setting.flag ? flags[attributeName(setting.flag)] : undefined;
    const envValue = env[setting.env] === '' ? undefined : env[setting.env];
    const from: From =
      flagValue !== undefined ? 'flag' : envValue !== undefined ? 'env' : 'default';
    // A switch given alone (`--stateful`) reads as true.
    const raw = from === 'flag' ? String(flagValue) : from === 'env' ? envValue : setting.default;
    sources.set(path, from);
    if (raw === undefined) continue;
    try {
      setPath(config, path, setting.kind.parse(raw, { catalog }));
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      if (from === 'default')
        throw new Error(`the default of ${path} is invalid: ${error.message}`);
      problems.push(invalid({ setting, from, raw, error }));
    }
  }
  const label = (path: string) => {
    const setting = settingAt(path);
    const from = sources.get(path);
    if (from === 'flag') return setting.flag as string;
    if (from === 'env') return setting.env;
    return bothNames(setting);
  };
  config.safety ??= {};
  config.oauth ??= {};
  if (problems.length === 0) {
    problems.push(...crossChecks({ config: config as Config, label, env }));
  }
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return { config: config as Config, label, warnings: unknownVariables(env) };
}

/** readConfig's configuration alone. */
export function loadConfig(options: Parameters<typeof readConfig>[0] = {}): Config {
  return readConfig(options).config;
}
