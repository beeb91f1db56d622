import { describe, expect, it } from 'vitest';
import { parseSigningKeys } from '../../src/auth/oauth/settings.js';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig: the settings for running replicas', () => {
  it('defaults: memory store, a budget toward JumpCloud, retries, metrics on, no proxy trusted', () => {
    expect(loadConfig({ argv: [], env: {} })).toMatchObject({
      store: 'memory',
      storePrefix: 'jcmcp:',
      upstreamRate: 20,
      upstreamBurst: 40,
      upstreamMaxWaitMs: 2000,
      upstreamRetries: 2,
      toolCallsPerMinute: 600,
      metrics: true,
      trustProxy: false,
    });
    expect(loadConfig({ argv: [], env: {} }).metricsPort).toBeUndefined();
  });

  it('reads a Redis URL from the environment, and every other setting from flags', () => {
    const config = loadConfig({
      argv: [
        ['--store-prefix', 'prod-eu:'],
        ['--upstream-rate', '0'],
        ['--metrics', 'false'],
        ['--metrics-port', '9464'],
      ].flat(),
      env: {
        JUMPCLOUD_MCP_STORE: 'rediss://:hunter2@redis.internal:6380/2',
        JUMPCLOUD_MCP_TRUST_PROXY: 'true',
      },
    });
    expect(config).toMatchObject({
      store: 'rediss://:hunter2@redis.internal:6380/2',
      storePrefix: 'prod-eu:',
      upstreamRate: 0,
      metrics: false,
      metricsPort: 9464,
      trustProxy: true,
    });
  });

  it.each([
    [
      [],
      { JUMPCLOUD_MCP_STORE: 'postgres://db' },
      /JUMPCLOUD_MCP_STORE="postgres:\/\/db" is not valid.*memory or a redis/,
    ],
    [
      [],
      { JUMPCLOUD_MCP_STORE: 'redis://:hunter2@' },
      /JUMPCLOUD_MCP_STORE="redis:\/\/\[redacted\]@" is not valid/,
    ],
    [['--store-prefix', 'a b'], {}, /--store-prefix "a b" is not valid.*letters, digits/],
    [['--upstream-rate', '-1'], {}, /--upstream-rate "-1" is not valid/],
    [['--upstream-retries', '9'], {}, /--upstream-retries "9" is not valid/],
    [['--metrics', 'maybe'], {}, /--metrics "maybe" is not valid.*true or false/],
  ])('%j %j fails fast naming the setting, never repeating a password', (argv, env, want) => {
    expect(() => loadConfig({ argv, env })).toThrow(ConfigError);
    expect(() => loadConfig({ argv, env })).toThrow(want);
    expect(() => loadConfig({ argv, env })).not.toThrow(/hunter2/);
  });
});

describe('loadConfig: OAuth sign-in on a shared store', () => {
  const oauth = {
    argv: ['--auth', 'oauth', '--sandbox'],
    env: { JUMPCLOUD_MCP_STORE: 'redis://:hunter2@redis.internal:6379' },
  };
  const signingKey = JSON.stringify({ kty: 'RSA', n: 'n', e: 'AQAB', d: 'd', kid: 'k1' });

  it('refuses to start without the signing key and cookie secret, naming both and where to read how', () => {
    const start = () => loadConfig(oauth);
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(
      /shared store \(JUMPCLOUD_MCP_STORE\).*set JUMPCLOUD_MCP_OAUTH_SIGNING_KEY and JUMPCLOUD_MCP_OAUTH_COOKIE_SECRET, the same on every replica.*Deployment/,
    );
    expect(start).not.toThrow(/hunter2/);
    expect(() =>
      loadConfig({ ...oauth, env: { ...oauth.env, JUMPCLOUD_MCP_OAUTH_SIGNING_KEY: signingKey } }),
    ).toThrow(/set JUMPCLOUD_MCP_OAUTH_COOKIE_SECRET, the same/);
  });

  it('starts with both; the memory store and an external authorization server need neither', () => {
    const env = {
      ...oauth.env,
      JUMPCLOUD_MCP_OAUTH_SIGNING_KEY: signingKey,
      JUMPCLOUD_MCP_OAUTH_COOKIE_SECRET: 'a-cookie-secret-of-32-characters-or-more',
    };
    expect(loadConfig({ ...oauth, env }).oauth.signingKey).toBe(signingKey);
    expect(loadConfig({ argv: oauth.argv, env: {} }).store).toBe('memory');
    const external = [
      ...oauth.argv,
      '--oauth-issuer',
      'https://login.example.com/',
      '--oauth-jwks-url',
      'https://login.example.com/jwks',
    ];
    expect(loadConfig({ argv: external, env: oauth.env }).oauth.issuer).toBe(
      'https://login.example.com/',
    );
  });
});

describe('parseSigningKeys (JUMPCLOUD_MCP_OAUTH_SIGNING_KEY)', () => {
  const key = (kid: string) => ({ kty: 'RSA', n: 'n', e: 'AQAB', d: 'd', kid });

  it('one private JWK, or a JWK Set whose first key signs', () => {
    expect(parseSigningKeys(JSON.stringify(key('k1')))).toEqual([
      { ...key('k1'), alg: 'RS256', use: 'sig' },
    ]);
    const rotated = parseSigningKeys(JSON.stringify({ keys: [key('new'), key('old')] }));
    expect(rotated.map((k) => k.kid)).toEqual(['new', 'old']);
  });

  it.each([
    ['not json', /not JSON/],
    [JSON.stringify({ keys: [] }), /the key set is empty/],
    [
      JSON.stringify({ kty: 'RSA', n: 'n', e: 'AQAB', kid: 'public-only' }),
      /the key is not an RSA private key/,
    ],
    [
      JSON.stringify({ keys: [key('a'), { kty: 'EC', d: 'd', kid: 'b' }] }),
      /key 2 is not an RSA private key/,
    ],
    [JSON.stringify({ keys: [key('a'), key('a')] }), /two keys have the kid "a"/],
  ])('%s: a clear error naming the setting', (text, want) => {
    expect(() => parseSigningKeys(text)).toThrow(ConfigError);
    expect(() => parseSigningKeys(text)).toThrow(want);
    expect(() => parseSigningKeys(text)).toThrow(
      /JUMPCLOUD_MCP_OAUTH_SIGNING_KEY.*expected an RSA private key/,
    );
  });
});
