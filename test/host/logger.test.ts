import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

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
