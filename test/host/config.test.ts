import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  describeListenError,
  listSettings,
  loadConfig,
  readConfig,
  TOOL_CATALOG,
} from '../../src/config.js';
import { renderSettingsTable } from '../../src/config/docs.js';

const SECRET = 's'.repeat(40);

describe('loadConfig({ argv, env })', () => {
  it('defaults: loopback, stateless, US region, 1 MiB bodies, safety defaults', () => {
    const config = loadConfig({ argv: [], env: {} });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      region: 'us',
      stateful: false,
      sessionCap: 1000,
      sessionIdleSeconds: 1800,
      allowedOrigins: [],
      bodyLimit: 1024 * 1024,
      upstreamTimeoutMs: 30_000,
      logLevel: 'info',
      auditLog: 'stdout',
      sandbox: false,
    });
    expect(config.baseUrl).toBeUndefined();
    expect(config.safety).toEqual({
      readOnly: false,
      confirmationTtlSeconds: 300,
      usedTokenCacheSize: 100_000,
      protectedUsers: [],
      protectedDevices: [],
      maxObjectsPerCall: 10,
    });
  });

  it('reads environment variables, and flags win over them', () => {
    const config = loadConfig({
      argv: [
        '--port',
        '9000',
        '--stateful',
        '--allowed-origins',
        'https://a.example, https://b.example',
      ],
      env: {
        JUMPCLOUD_MCP_PORT: '7000',
        JUMPCLOUD_MCP_REGION: 'eu',
        JUMPCLOUD_MCP_BODY_LIMIT: '512kb',
        JUMPCLOUD_MCP_STATEFUL: 'false',
      },
    });
    expect(config).toMatchObject({
      port: 9000,
      region: 'eu',
      stateful: true,
      bodyLimit: 512 * 1024,
      allowedOrigins: ['https://a.example', 'https://b.example'],
    });
  });

  it('an empty variable counts as unset', () => {
    expect(loadConfig({ env: { JUMPCLOUD_MCP_PORT: '' } }).port).toBe(8080);
  });

  it('fills the typed safety section from every one of its flags and variables', () => {
    const config = loadConfig({
      argv: ['--toolsets', 'Users, devices', '--read-only', '--used-token-cache-size', '5000'],
      env: {
        JUMPCLOUD_MCP_TOOLS: 'policies_list',
        JUMPCLOUD_MCP_EXCLUDE_TOOLS: 'device_erase,,',
        JUMPCLOUD_MCP_PROTECTED_USERS: 'breakglass@example.com,5f0c1a',
        JUMPCLOUD_MCP_PROTECTED_DEVICES: 'db-prod-01',
        JUMPCLOUD_MCP_CONFIRMATION_SECRET: SECRET,
        JUMPCLOUD_MCP_CONFIRMATION_TTL_SECONDS: '120',
        JUMPCLOUD_MCP_MAX_OBJECTS_PER_CALL: '3',
      },
    });
    expect(config.safety).toEqual({
      toolsets: ['users', 'devices'],
      allow: ['policies_list'],
      deny: ['device_erase'],
      readOnly: true,
      confirmationSecret: SECRET,
      confirmationTtlSeconds: 120,
      usedTokenCacheSize: 5000,
      protectedUsers: ['breakglass@example.com', '5f0c1a'],
      protectedDevices: ['db-prod-01'],
      maxObjectsPerCall: 3,
    });
  });

  it('JUMPCLOUD_MCP_USED_TOKEN_CACHE_SIZE reaches the safety section', () => {
    const { safety } = loadConfig({ env: { JUMPCLOUD_MCP_USED_TOKEN_CACHE_SIZE: '2500' } });
    expect(safety.usedTokenCacheSize).toBe(2500);
  });

  const booleans: Array<[string, { argv: string[]; env?: Record<string, string>; want: boolean }]> =
    [
      ['a switch alone', { argv: ['--stateful'], want: true }],
      ['--stateful=yes', { argv: ['--stateful=yes'], want: true }],
      ['--stateful=OFF', { argv: ['--stateful=OFF'], want: false }],
      ['--stateful 0', { argv: ['--stateful', '0'], want: false }],
      ['the variable, any case', { argv: [], env: { JUMPCLOUD_MCP_STATEFUL: 'On' }, want: true }],
      ['the variable 1', { argv: [], env: { JUMPCLOUD_MCP_STATEFUL: '1' }, want: true }],
      [
        '--stateful=false over the variable',
        {
          argv: ['--stateful=false'],
          env: { JUMPCLOUD_MCP_STATEFUL: 'true' },
          want: false,
        },
      ],
    ];
  it.each(booleans)('booleans: %s', (_name, { argv, env = {}, want }) => {
    expect(loadConfig({ argv, env }).stateful).toBe(want);
  });

  it('enums in any case: --region EU, JUMPCLOUD_MCP_LOG_LEVEL=Debug', () => {
    const config = loadConfig({
      argv: ['--region', 'EU'],
      env: { JUMPCLOUD_MCP_LOG_LEVEL: 'Debug' },
    });
    expect(config).toMatchObject({ region: 'eu', logLevel: 'debug' });
  });

  it('checks tool names against the catalogue it is given', () => {
    const catalog = { toolsets: ['things'], tools: ['thing_get'] };
    expect(loadConfig({ argv: ['--tools', 'thing_get'], env: {}, catalog }).safety.allow).toEqual([
      'thing_get',
    ]);
    expect(() => loadConfig({ argv: ['--tools', 'users_list'], env: {}, catalog })).toThrow(
      /--tools "users_list" is not valid: unknown tool 'users_list'\. Use a comma-separated list of: thing_get/,
    );
  });
});

/** One bad value per kind of setting, given as a flag and as a variable. */
const BAD: Array<[string, { flag: string[]; env: Record<string, string>; want: RegExp }]> = [
  [
    'int',
    {
      flag: ['--port', 'eighty'],
      env: { JUMPCLOUD_MCP_PORT: '70000' },
      want: /not a whole number|above 65535/,
    },
  ],
  [
    'int (range)',
    {
      flag: ['--confirmation-ttl-seconds', '5'],
      env: { JUMPCLOUD_MCP_CONFIRMATION_TTL_SECONDS: '86400' },
      want: /a whole number from 30 to 3600/,
    },
  ],
  [
    'bool',
    {
      flag: ['--read-only=maybe'],
      env: { JUMPCLOUD_MCP_READ_ONLY: 'maybe' },
      want: /not a boolean\. Use true or false/,
    },
  ],
  [
    'enum',
    {
      flag: ['--region', 'mars'],
      env: { JUMPCLOUD_MCP_REGION: 'mars' },
      want: /Use one of us, eu, in/,
    },
  ],
  [
    'list of names (toolsets)',
    {
      flag: ['--toolsets', 'users,userz'],
      env: { JUMPCLOUD_MCP_TOOLSETS: 'userz' },
      want: /unknown toolset 'userz'\. Use a comma-separated list of: all, admins,/,
    },
  ],
  [
    'empty list of toolsets',
    {
      flag: ['--toolsets', ' , '],
      env: { JUMPCLOUD_MCP_TOOLSETS: ',' },
      want: /no toolset named/,
    },
  ],
  [
    'list of names (tools)',
    {
      flag: ['--exclude-tools', 'device_wipe'],
      env: { JUMPCLOUD_MCP_TOOLS: 'device_wipe' },
      want: /unknown tool 'device_wipe'\. Use a comma-separated list of: admins_list,/,
    },
  ],
  [
    'size',
    {
      flag: ['--body-limit', '10'],
      env: { JUMPCLOUD_MCP_BODY_LIMIT: '1 gigabyte' },
      want: /(too small|not a size)\. Use a size from 1kb to 64mb/,
    },
  ],
  [
    'url',
    {
      flag: ['--base-url', 'ftp://x'],
      env: { JUMPCLOUD_MCP_BASE_URL: 'https://proxy.example.com/?a=1' },
      want: /(ftp: is not http: or https:|has a \? query or # fragment)\. Use an http:\/\/ or https:\/\/ origin/,
    },
  ],
  ['text', { flag: ['--host', ' '], env: { JUMPCLOUD_MCP_AUDIT_LOG: ' ' }, want: /empty/ }],
];

describe.each(BAD)('a bad %s value', (_kind, { flag, env, want }) => {
  it('from its flag: ConfigError naming the flag and the value', () => {
    const load = () => loadConfig({ argv: flag, env: {} });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(want);
    const name = flag[0]?.split('=')[0] as string;
    expect(load).toThrow(new RegExp(`^${name} "`));
    expect(load).not.toThrow(/JUMPCLOUD_MCP_/);
    expect(load).toThrow(new RegExp(`e\\.g\\. ${name}[ =]`));
  });

  it('from its variable: ConfigError naming the variable and the value', () => {
    const load = () => loadConfig({ argv: [], env });
    const name = Object.keys(env)[0] as string;
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(want);
    expect(load).toThrow(new RegExp(`^${name}="`));
    expect(load).toThrow(new RegExp(`e\\.g\\. ${name}=`));
  });
});

describe('secrets in messages', () => {
  it('a short confirmation secret: its length, never its text, and how to make one', () => {
    const load = () =>
      loadConfig({ env: { JUMPCLOUD_MCP_CONFIRMATION_SECRET: 'hunter2-hunter2' } });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      /^JUMPCLOUD_MCP_CONFIRMATION_SECRET \(hidden, 15 characters\) is not valid: too short\. Use at least 32 random characters/,
    );
    expect(load).toThrow(/JUMPCLOUD_MCP_CONFIRMATION_SECRET="\$\(openssl rand -base64 48\)"/);
    expect(load).not.toThrow(/hunter2/);
  });

  it('a password in a URL is redacted', () => {
    const load = () => loadConfig({ argv: ['--base-url', 'https://admin:hunter2@proxy.example'] });
    expect(load).toThrow(/--base-url "https:\/\/\[redacted\]@proxy\.example" is not valid/);
    expect(load).not.toThrow(/hunter2/);
  });

  it('the secret has no flag: it would show in the process list', () => {
    expect(() => loadConfig({ argv: ['--confirmation-secret', SECRET] })).toThrow(
      /unknown option '--confirmation-secret'/,
    );
  });
});

const CROSS: Array<[string, { argv: string[]; env: Record<string, string>; want: RegExp }]> = [
  [
    'headers timeout longer than the request timeout',
    {
      argv: ['--headers-timeout-ms', '20000'],
      env: { JUMPCLOUD_MCP_REQUEST_TIMEOUT_MS: '10000' },
      want: /^--headers-timeout-ms \(20000\) is longer than JUMPCLOUD_MCP_REQUEST_TIMEOUT_MS \(10000\)/,
    },
  ],
  [
    'a tool both offered and excluded',
    {
      argv: ['--tools', 'device_erase,users_list'],
      env: { JUMPCLOUD_MCP_EXCLUDE_TOOLS: 'DEVICE_ERASE' },
      want: /^'device_erase' is in both --tools and JUMPCLOUD_MCP_EXCLUDE_TOOLS\. .*remove it from one/,
    },
  ],
  [
    'the sandbox and a base URL',
    {
      argv: ['--sandbox'],
      env: { JUMPCLOUD_MCP_BASE_URL: 'https://proxy.example.com' },
      want: /^--sandbox serves against the embedded sandbox, so JUMPCLOUD_MCP_BASE_URL would be ignored/,
    },
  ],
  [
    'production without a confirmation secret',
    {
      argv: [],
      env: { NODE_ENV: 'production' },
      want: /^JUMPCLOUD_MCP_CONFIRMATION_SECRET is required in production .*openssl rand -base64 48/,
    },
  ],
];

describe.each(CROSS)('settings that contradict: %s', (_name, { argv, env, want }) => {
  it('is a ConfigError naming both, as the user gave them', () => {
    expect(() => loadConfig({ argv, env })).toThrow(ConfigError);
    expect(() => loadConfig({ argv, env })).toThrow(want);
  });
});

describe('readConfig({ argv, env })', () => {
  it('reports every bad value at once, one line each', () => {
    const load = () => loadConfig({ argv: ['--port', 'x'], env: { JUMPCLOUD_MCP_REGION: 'mars' } });
    expect(load).toThrow(/^--port "x" is not valid.*\nJUMPCLOUD_MCP_REGION="mars" is not valid/);
  });

  it('an unknown option is a ConfigError with commander’s suggestion', () => {
    expect(() => loadConfig({ argv: ['--prot', '1'] })).toThrow(ConfigError);
    expect(() => loadConfig({ argv: ['--prot', '1'] })).toThrow(/unknown option '--prot'/);
  });

  it('warns about variables that look like settings but are none', () => {
    const { warnings } = readConfig({ env: { JUMPCLOUD_MCP_PROT: '9000', OTHER: 'x' } });
    expect(warnings).toEqual([
      'JUMPCLOUD_MCP_PROT is not a setting of this server and is ignored. Did you mean JUMPCLOUD_MCP_PORT? See --help.',
    ]);
  });

  it('labels a setting by what the user set: the flag, the variable, or both', () => {
    const { label } = readConfig({ argv: ['--port', '1'], env: { JUMPCLOUD_MCP_HOST: '::1' } });
    expect(label('port')).toBe('--port');
    expect(label('host')).toBe('JUMPCLOUD_MCP_HOST');
    expect(label('region')).toBe('--region (or JUMPCLOUD_MCP_REGION)');
  });
});

describe('describeListenError({ failure, label })', () => {
  const label = (path: string) => (path === 'port' ? 'JUMPCLOUD_MCP_PORT' : '--host');
  it.each([
    ['EADDRINUSE', /127\.0\.0\.1:8080 is already in use .*change JUMPCLOUD_MCP_PORT/],
    ['EACCES', /may not open port 8080\. Change JUMPCLOUD_MCP_PORT/],
    ['EADDRNOTAVAIL', /127\.0\.0\.1 is not an address of this machine\. Change --host/],
    ['ENOTFOUND', /does not resolve\. Change --host/],
  ])('%s names the setting to change', (code, want) => {
    const failure = { code, host: '127.0.0.1', port: 8080 };
    expect(describeListenError({ failure, label })).toMatch(want);
  });

  it('leaves other failures alone', () => {
    const failure = { code: 'EMFILE', host: '127.0.0.1', port: 8080 };
    expect(describeListenError({ failure, label })).toBeUndefined();
  });
});

describe('the settings table', () => {
  it('every setting has a variable, a doc line, and a flag unless it is a secret', () => {
    for (const { path, setting } of listSettings()) {
      expect(setting.env, path).toMatch(/^JUMPCLOUD_MCP_[A-Z_]+$/);
      expect(setting.description.length, path).toBeGreaterThan(10);
      expect(setting.flag === undefined, path).toBe(setting.kind.secret === true);
    }
  });

  it('names every variable and flag once', () => {
    const settings = listSettings().map(({ setting }) => setting);
    const envs = settings.map((s) => s.env);
    const flags = settings.flatMap((s) => (s.flag ? [s.flag] : []));
    expect(new Set(envs).size).toBe(envs.length);
    expect(new Set(flags).size).toBe(flags.length);
  });

  it('renders one README row per setting', () => {
    const rows = renderSettingsTable().split('\n').slice(2);
    expect(rows).toHaveLength(listSettings().length);
    expect(rows).toContainEqual(
      '| `--port` | `JUMPCLOUD_MCP_PORT` | `8080` | TCP port (`0` picks a free one) |',
    );
  });

  it('the tool catalogue is the generated tools', () => {
    expect(TOOL_CATALOG.toolsets).toContain('users');
    expect(TOOL_CATALOG.tools).toContain('device_erase');
  });
});
