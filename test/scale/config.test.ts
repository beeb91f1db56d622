import { describe, expect, it } from 'vitest';
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
