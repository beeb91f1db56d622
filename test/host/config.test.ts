import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig({ argv, env })', () => {
  it('defaults: loopback, stateless, US region, 1 MiB bodies', () => {
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
      sandbox: false,
      safety: {},
    });
    expect(config.baseUrl).toBeUndefined();
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

  it('fills the safety section from its flags and variables', () => {
    const config = loadConfig({
      argv: ['--toolsets', 'users,devices', '--read-only'],
      env: {
        JUMPCLOUD_MCP_PROTECTED_USERS: 'ceo@example.com',
        JUMPCLOUD_MCP_CONFIRMATION_SECRET: 's'.repeat(40),
      },
    });
    expect(config.safety).toEqual({
      toolsets: ['users', 'devices'],
      readOnly: true,
      protectedUsers: ['ceo@example.com'],
      confirmationSecret: 's'.repeat(40),
    });
  });

  it.each([
    [['--port', 'eighty'], {}, /Invalid --port \(--port \/ JUMPCLOUD_MCP_PORT\)/],
    [[], { JUMPCLOUD_MCP_REGION: 'mars' }, /Invalid JUMPCLOUD_MCP_REGION .*'us' \| 'eu' \| 'in'/],
    [['--base-url', 'ftp://x'], {}, /Invalid --base-url .*http:\/\/ or https:\/\//],
    [
      ['--base-url', 'https://admin:hunter2@proxy.example.com'],
      {},
      /Invalid --base-url .*no user name or password/,
    ],
    [[], { JUMPCLOUD_MCP_BASE_URL: 'https://proxy.example.com/?a=1' }, /without \? or #/],
    [[], { JUMPCLOUD_MCP_STATEFUL: 'perhaps' }, /Invalid JUMPCLOUD_MCP_STATEFUL .*true or false/],
    [['--body-limit', '10'], {}, /Invalid --body-limit/],
    [['--no-such-flag'], {}, /unknown option '--no-such-flag'/],
    [
      ['--headers-timeout-ms', '20000', '--request-timeout-ms', '10000'],
      {},
      /longer than --request-timeout-ms/,
    ],
  ])('%j %j fails fast naming the setting', (argv, env, want) => {
    expect(() => loadConfig({ argv, env })).toThrow(ConfigError);
    expect(() => loadConfig({ argv, env })).toThrow(want);
    // The message never repeats a credential given in a value.
    expect(() => loadConfig({ argv, env })).not.toThrow(/hunter2/);
  });
});
