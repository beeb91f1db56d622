import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';

const REDACT_PATHS = [
  'authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.authorization',
  '*["x-api-key"]',
  '*.token',
];

type Stringifier = (value: unknown) => string | undefined;

/**
 * A string as JSON: quoted as it is when no character of it needs escaping (ids, names, outcomes:
 * most fields of a line), else through JSON.stringify. The same text either way.
 */
function jsonString(text: string): string {
  if (text.length > 64) return JSON.stringify(text);
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7e) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/**
 * pino's stringifier for the redact paths that start with `*` runs on every field of every line,
 * strings and numbers too, where it finds nothing to censor and answers JSON.stringify(value)
 * after walking each path. Only an object can hold a field to censor: everything else is
 * written directly, to the same text, without a call into JSON.stringify for each field.
 */
function censorObjectsOnly(logger: Logger): void {
  const stringifiers = (logger as unknown as Record<symbol, Record<symbol, Stringifier>>)[
    pino.symbols.stringifiersSym
  ];
  const wildcard = stringifiers?.[pino.symbols.wildcardFirstSym];
  if (!stringifiers || !wildcard) return;
  stringifiers[pino.symbols.wildcardFirstSym] = (value) => {
    switch (typeof value) {
      case 'string':
        return jsonString(value);
      case 'number':
        return Number.isFinite(value) ? String(value) : 'null';
      case 'boolean':
        return value ? 'true' : 'false';
      case 'object':
        return value === null ? 'null' : wildcard(value);
      default:
        return JSON.stringify(value);
    }
  };
}

/** pino's ISO time, formatted once per millisecond however many lines are written in it. */
function isoTime(): () => string {
  let at = 0;
  let text = '';
  return () => {
    const now = Date.now();
    if (now !== at) {
      at = now;
      text = `,"time":"${new Date(now).toISOString()}"`;
    }
    return text;
  };
}

/**
 * Where lines go by default: standard output (or error, `fd` 2), written synchronously. pino's
 * own default writes through libuv's thread pool, so every line costs a hand-off to a pool thread
 * and a wake-up of the event loop when it is done (about ten futex calls, an eventfd write and
 * read), and a line still queued when the process dies is lost. Node writes to a pipe or file on
 * standard output synchronously too.
 */
export function stdioDestination(fd: 1 | 2 = 1): DestinationStream {
  return pino.destination({ dest: fd, sync: true });
}

/**
 * Structured JSON logs. Nothing logs headers or credentials (a principal is logged by its
 * fingerprint), and as a second line of defence anything under a credential-looking field name is
 * censored.
 */
export function createLogger({
  level,
  destination,
}: {
  level: string;
  destination?: DestinationStream;
}): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'jumpcloud-mcp' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: isoTime(),
    },
    destination ?? stdioDestination(),
  );
  censorObjectsOnly(logger);
  return logger;
}
