import { existsSync, fstatSync } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JUMPCLOUD_KINDS } from '../../src/jumpcloud/kinds.js';
import { canonicalJson } from '../../src/safety/canonical-json.js';
import {
  closeAuditLogger,
  createAuditLogger,
  createSafety,
  SAFETY_ENV,
  safetyConfigFromEnv,
  SafetyConfigError,
} from '../../src/safety/index.js';
import { memoryLogger, TOOLS } from './fixtures.js';

describe('safetyConfigFromEnv(env)', () => {
  it('gives the defaults for an empty environment', () => {
    expect(safetyConfigFromEnv({})).toEqual({
      readOnly: false,
      confirmationTtlSeconds: 300,
      protectedUsers: [],
      protectedDevices: [],
      maxObjectsPerCall: 10,
      usedTokenCacheSize: 100_000,
      auditLog: 'stdout',
    });
  });

  it('reads every variable', () => {
    const config = safetyConfigFromEnv({
      JUMPCLOUD_MCP_TOOLSETS: 'users, devices',
      JUMPCLOUD_MCP_TOOLS: 'policies_list',
      JUMPCLOUD_MCP_EXCLUDE_TOOLS: 'device_erase,,',
      JUMPCLOUD_MCP_READ_ONLY: 'TRUE',
      JUMPCLOUD_MCP_CONFIRMATION_SECRET: 'x'.repeat(32),
      JUMPCLOUD_MCP_CONFIRMATION_TTL_SECONDS: '120',
      JUMPCLOUD_MCP_PROTECTED_USERS: 'breakglass@example.com,5f0c1a',
      JUMPCLOUD_MCP_PROTECTED_DEVICES: 'db-prod-01',
      JUMPCLOUD_MCP_MAX_OBJECTS_PER_CALL: '3',
      JUMPCLOUD_MCP_USED_TOKEN_CACHE_SIZE: '5000',
      JUMPCLOUD_MCP_AUDIT_LOG: 'stderr',
    });
    expect(config).toEqual({
      toolsets: ['users', 'devices'],
      allow: ['policies_list'],
      deny: ['device_erase'],
      readOnly: true,
      confirmationSecret: 'x'.repeat(32),
      confirmationTtlSeconds: 120,
      protectedUsers: ['breakglass@example.com', '5f0c1a'],
      protectedDevices: ['db-prod-01'],
      maxObjectsPerCall: 3,
      usedTokenCacheSize: 5000,
      auditLog: 'stderr',
    });
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    [
      'a boolean that is not one',
      { JUMPCLOUD_MCP_READ_ONLY: 'maybe' },
      /JUMPCLOUD_MCP_READ_ONLY=maybe is not a boolean/,
    ],
    [
      'a short secret',
      { JUMPCLOUD_MCP_CONFIRMATION_SECRET: 'short' },
      /confirmationSecret \(JUMPCLOUD_MCP_CONFIRMATION_SECRET\): must be at least 32 characters/,
    ],
    [
      'a TTL too long',
      { JUMPCLOUD_MCP_CONFIRMATION_TTL_SECONDS: '86400' },
      /confirmationTtlSeconds \(JUMPCLOUD_MCP_CONFIRMATION_TTL_SECONDS\)/,
    ],
    [
      'a cap that is not a number',
      { JUMPCLOUD_MCP_MAX_OBJECTS_PER_CALL: 'ten' },
      /JUMPCLOUD_MCP_MAX_OBJECTS_PER_CALL=ten is not a whole number/,
    ],
  ];
  it.each(bad)('rejects %s with a message naming the variable', (_name, env, want) => {
    expect(() => safetyConfigFromEnv(env)).toThrow(SafetyConfigError);
    expect(() => safetyConfigFromEnv(env)).toThrow(want);
  });

  it('names every option’s variable', () => {
    expect(Object.values(SAFETY_ENV).every((name) => name.startsWith('JUMPCLOUD_MCP_'))).toBe(true);
  });
});

describe('createSafety(options)', () => {
  it('refuses to start in production without a confirmation secret', () => {
    const { logger } = memoryLogger();
    expect(() =>
      createSafety({
        tools: TOOLS,
        kinds: JUMPCLOUD_KINDS,
        auditLogger: logger,
        nodeEnv: 'production',
      }),
    ).toThrow(/JUMPCLOUD_MCP_CONFIRMATION_SECRET is required in production/);
  });

  it('uses a random secret with a warning in development', () => {
    const { logger, records } = memoryLogger();
    const safety = createSafety({
      tools: TOOLS,
      kinds: JUMPCLOUD_KINDS,
      auditLogger: logger,
      nodeEnv: 'development',
    });
    expect(safety.select({}).tools).toHaveLength(TOOLS.length);
    expect(records).toMatchObject([
      { level: 40, msg: expect.stringContaining('random secret for this process') },
    ]);
  });

  it('refuses an unknown tool name in the configuration at startup', () => {
    const { logger } = memoryLogger();
    expect(() =>
      createSafety({
        tools: TOOLS,
        kinds: JUMPCLOUD_KINDS,
        auditLogger: logger,
        confirmationSecret: 'y'.repeat(40),
        deny: ['device_wipe'],
      }),
    ).toThrow(/Unknown tool 'device_wipe'/);
  });

  it('refuses at startup a tool acting on a kind the kinds table does not describe', () => {
    const { logger } = memoryLogger();
    const { device: _device, ...withoutDevices } = JUMPCLOUD_KINDS;
    expect(() =>
      createSafety({
        tools: TOOLS,
        kinds: withoutDevices,
        auditLogger: logger,
        confirmationSecret: 'y'.repeat(40),
      }),
    ).toThrow(/kinds table does not describe: device_erase \(device\)/);
  });
});

describe('createAuditLogger({ destination })', () => {
  it('appends one JSON line per record to a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'audit-'));
    try {
      const file = join(dir, 'nested', 'audit.log');
      // The operational level does not drop audit records.
      const logger = createAuditLogger({ destination: file, level: 'error' });
      logger.info({ tool: 'device_erase', outcome: 'previewed' }, 'device_erase previewed');
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
      const lines = (await readFile(file, 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] ?? '')).toMatchObject({
        log: 'audit',
        name: 'audit',
        tool: 'device_erase',
        outcome: 'previewed',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('closeAuditLogger(logger)', () => {
  /** How many of this process's open file descriptors point at `file` (Linux /proc). */
  const openDescriptors = async (file: string) => {
    const fds = await readdir('/proc/self/fd');
    const targets = await Promise.all(
      fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')),
    );
    return targets.filter((target) => target === file).length;
  };

  it.skipIf(!existsSync('/proc/self/fd'))(
    'closes a file destination after its records are written; stdout stays open',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'audit-'));
      try {
        const file = join(dir, 'audit.log');
        const logger = createAuditLogger({ destination: file });
        logger.info({ tool: 'user_suspend', outcome: 'executed' }, 'user_suspend executed');
        expect(await openDescriptors(file)).toBe(1);
        await closeAuditLogger(logger);
        expect(await openDescriptors(file)).toBe(0);
        expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(1);
        // Closing twice is harmless.
        await closeAuditLogger(logger);

        const stdoutLogger = createAuditLogger({ destination: 'stdout', level: 'silent' });
        await closeAuditLogger(stdoutLogger);
        expect(() => fstatSync(1)).not.toThrow();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('canonicalJson(value)', () => {
  const cases: Array<[string, { given: unknown; want: string }]> = [
    [
      'sorts keys at every level',
      {
        given: { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } },
        want: '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
      },
    ],
    ['drops undefined members', { given: { a: undefined, b: 'x' }, want: '{"b":"x"}' }],
    [
      'keeps a __proto__ key as data',
      { given: JSON.parse('{"__proto__":{"x":1},"a":2}'), want: '{"__proto__":{"x":1},"a":2}' },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(canonicalJson(given)).toBe(want);
  });
});
