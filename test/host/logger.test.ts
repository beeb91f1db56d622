import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Runs `code` (an ES module that may import the sources) in a child process that logs, then is
 * killed with SIGKILL at once: what reached its standard output and error had been written
 * before the log call returned. libuv's thread pool is kept busy meanwhile, so a write handed to
 * it would still be waiting when the process dies.
 */
function killedAfterLogging(code: string): { stdout: string; stderr: string; signal: string } {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      [
        `import { pbkdf2 } from 'node:crypto';`,
        `for (let i = 0; i < 8; i++) pbkdf2('busy', 'pool', 1e8, 64, 'sha512', () => {});`,
        code,
        `process.kill(process.pid, 'SIGKILL');`,
      ].join('\n'),
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  return { stdout: child.stdout, stderr: child.stderr, signal: String(child.signal) };
}

/** The lines a logger writes, as text. */
function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

const error = Object.assign(new Error('upstream refused'), {
  token: 'secret-token',
  headers: { authorization: 'Bearer nested' },
});

/** Lines of one call, through `logger`: every kind of field, credentials at every censored path. */
function writeLines(logger: pino.Logger) {
  const child = logger.child({ requestId: 'r-1' });
  child.info({
    msg: 'http request',
    method: 'POST',
    status: 200,
    ratio: 1.5,
    infinite: Number.POSITIVE_INFINITY,
    ok: true,
    none: null,
    missing: undefined,
    text: 'quote " and \u2028 line separator',
    plain: 'key_ac48dc6de06c',
    empty: '',
    backslash: 'a\\b',
    control: 'tab\there',
    del: 'x\u007f',
    lone: 'half \ud800 a pair',
    long: `${'x'.repeat(70)}"`,
    longPlain: 'y'.repeat(70),
    negativeZero: -0,
    large: 1e21,
    notANumber: Number.NaN,
    no: false,
    authorization: 'Bearer top-level',
    headers: { authorization: 'Bearer h', 'x-api-key': 'jca_header', accept: 'application/json' },
    call: { token: 'tok', authorization: 'Bearer nested', 'x-api-key': 'jca_nested', tool: 'x' },
    list: [1, { token: 'kept: not a wildcard path' }],
  });
  child.warn({ err: error }, 'call failed');
  child.info('message only');
}

describe('createLogger({ level, destination })', () => {
  it('censors every credential-looking field and writes the same lines as pino with the same redact paths', () => {
    const ours = capture();
    writeLines(createLogger({ level: 'info', destination: ours.destination }));
    const stock = capture();
    writeLines(
      pino(
        {
          level: 'info',
          base: { service: 'jumpcloud-mcp' },
          redact: {
            paths: [
              'authorization',
              'headers.authorization',
              'headers["x-api-key"]',
              '*.authorization',
              '*["x-api-key"]',
              '*.token',
            ],
            censor: '[redacted]',
          },
          timestamp: pino.stdTimeFunctions.isoTime,
        },
        stock.destination,
      ),
    );
    const withoutTime = (line: string) => line.replace(/"time":"[^"]+"/, '"time":"-"');
    expect(ours.lines.map(withoutTime)).toEqual(stock.lines.map(withoutTime));

    const [request, failure] = ours.lines.map((line) => JSON.parse(line));
    expect(request.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(request).toMatchObject({
      requestId: 'r-1',
      status: 200,
      infinite: null,
      authorization: '[redacted]',
      headers: { authorization: '[redacted]', 'x-api-key': '[redacted]' },
      call: { token: '[redacted]', authorization: '[redacted]', 'x-api-key': '[redacted]' },
    });
    expect(failure.err.token).toBe('[redacted]');
    expect(ours.lines.join('\n')).not.toMatch(/top-level|Bearer h|jca_|secret-token|tok"/);
  });
});

describe('default destinations', () => {
  it('the log and the audit trail on stdout and stderr are written before the call returns: a process killed right after keeps its lines', () => {
    const logger = JSON.stringify(source('../../src/logger.ts'));
    const safety = JSON.stringify(source('../../src/safety/index.ts'));
    const run = killedAfterLogging(
      [
        `import { createLogger } from ${logger};`,
        `import { createAuditLogger } from ${safety};`,
        `createLogger({ level: 'info' }).info({ msg: 'tool call', tool: 'user_get' });`,
        `createAuditLogger().info({ msg: 'audit', tool: 'user_suspend' });`,
        `createAuditLogger({ destination: 'stderr' }).info({ msg: 'audit', tool: 'device_erase' });`,
      ].join('\n'),
    );
    expect(run.signal).toBe('SIGKILL');
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toMatchObject([
      { msg: 'tool call', tool: 'user_get', service: 'jumpcloud-mcp' },
      { msg: 'audit', tool: 'user_suspend', log: 'audit' },
    ]);
    expect(JSON.parse(run.stderr.trim())).toMatchObject({ msg: 'audit', tool: 'device_erase' });
  });
});
