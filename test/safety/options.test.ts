import { existsSync, fstatSync } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JUMPCLOUD_KINDS } from '../../src/jumpcloud/kinds.js';
import { canonicalJson } from '../../src/safety/canonical-json.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { closeAuditLogger, createAuditLogger, createSafety } from '../../src/safety/index.js';
import { memoryLogger, TOOLS } from './fixtures.js';

/** The safety section as the settings table gives it with nothing set. */
const DEFAULTS = loadConfig({ env: {} }).safety;

describe('createSafety({ config, tools, auditLogger })', () => {
  it('refuses to start in production without a confirmation secret, saying how to make one', () => {
    const { logger } = memoryLogger();
    const start = () =>
      createSafety({
        config: DEFAULTS,
        tools: TOOLS,
        kinds: JUMPCLOUD_KINDS,
        auditLogger: logger,
        nodeEnv: 'production',
      });
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/JUMPCLOUD_MCP_CONFIRMATION_SECRET is required in production/);
    expect(start).toThrow(/openssl rand -base64 48/);
  });

  it('uses a random secret with a warning in development', () => {
    const { logger, records } = memoryLogger();
    const safety = createSafety({
      config: DEFAULTS,
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

  it('refuses a tool name its tools do not have', () => {
    const { logger } = memoryLogger();
    expect(() =>
      createSafety({
        config: { ...DEFAULTS, confirmationSecret: 'y'.repeat(40), deny: ['device_wipe'] },
        tools: TOOLS,
        kinds: JUMPCLOUD_KINDS,
        auditLogger: logger,
      }),
    ).toThrow(/Unknown tool 'device_wipe'/);
  });

  it('refuses at startup a tool acting on a kind the kinds table does not describe', () => {
    const { logger } = memoryLogger();
    const { device: _device, ...withoutDevices } = JUMPCLOUD_KINDS;
    expect(() =>
      createSafety({
        config: { ...DEFAULTS, confirmationSecret: 'y'.repeat(40) },
        tools: TOOLS,
        kinds: withoutDevices,
        auditLogger: logger,
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
