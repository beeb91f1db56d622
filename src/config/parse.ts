/**
 * The one set of value parsers: settings (flags and environment variables) and the per-connection
 * selection (query parameters and headers) read lists, booleans and names with these functions.
 * A parser returns the value or throws InvalidValue saying what is wrong and what is accepted.
 */

/** A value that cannot be used: `problem` says why, `expected` what would be accepted. */
export class InvalidValue extends Error {
  readonly problem: string;
  readonly expected: string | undefined;
  constructor(problem: string, expected?: string) {
    super(expected ? `${problem}; expected ${expected}` : problem);
    this.name = 'InvalidValue';
    this.problem = problem;
    this.expected = expected;
  }
}

/** The toolsets and tools the server knows, for settings and requests that name them. */
export interface ToolCatalog {
  readonly toolsets: readonly string[];
  readonly tools: readonly string[];
}

export interface ParseContext {
  catalog: ToolCatalog;
}

/** How one kind of setting is written and read. */
export interface Kind<T> {
  /** Stands for the value in --help (`--port <n>`); a switch may be given without one. */
  readonly placeholder: string;
  /** A flag that means true without a value (`--stateful`); `--stateful=false` also works. */
  readonly switch?: boolean;
  /** Never repeated in a message. */
  readonly secret?: boolean;
  /** What a valid value looks like, for messages: `a whole number from 0 to 65535`. */
  readonly expected: string;
  parse(raw: string, context: ParseContext): T;
}

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

/** `true/false/1/0/yes/no/on/off`, any case. */
export function parseBoolean(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new InvalidValue('not a boolean', 'true or false (also 1/0, yes/no, on/off)');
}

/** `a, b,,c` -> ['a', 'b', 'c']. */
export function parseList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function quoted(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

/**
 * A non-empty list of names from `known` (case-insensitive), returned as `known` spells them.
 * `extra` names are accepted besides (`all` for toolsets).
 */
export function parseNames({
  raw,
  known,
  noun,
  extra = [],
}: {
  raw: string;
  known: readonly string[];
  noun: string;
  extra?: readonly string[];
}): string[] {
  const valid = [...extra, ...[...known].sort()];
  const expected = `a comma-separated list of: ${valid.join(', ')}`;
  const byLower = new Map(valid.map((name) => [name.toLowerCase(), name]));
  const names = parseList(raw);
  if (names.length === 0) throw new InvalidValue(`no ${noun} named`, expected);
  const unknown = names.filter((name) => !byLower.has(name.toLowerCase()));
  if (unknown.length > 0) {
    throw new InvalidValue(`unknown ${noun} ${quoted(unknown)}`, expected);
  }
  return [...new Set(names.map((name) => byLower.get(name.toLowerCase()) as string))];
}

export const bool: Kind<boolean> = {
  placeholder: '[bool]',
  switch: true,
  expected: 'true or false (also 1/0, yes/no, on/off)',
  parse: parseBoolean,
};

export function int(min: number, max: number): Kind<number> {
  const expected = `a whole number from ${min} to ${max}`;
  return {
    placeholder: '<n>',
    expected,
    parse(raw) {
      const text = raw.trim();
      if (!/^-?\d+$/.test(text)) throw new InvalidValue('not a whole number', expected);
      const value = Number(text);
      if (value < min) throw new InvalidValue(`below ${min}`, expected);
      if (value > max) throw new InvalidValue(`above ${max}`, expected);
      return value;
    },
  };
}

/** One of `values`, any case. */
export function oneOf<const V extends string>(values: readonly V[]): Kind<V> {
  const expected = `one of ${values.join(', ')}`;
  return {
    placeholder: values.length <= 3 ? `<${values.join('|')}>` : '<value>',
    expected,
    parse(raw) {
      const value = values.find((v) => v === raw.trim().toLowerCase());
      if (value === undefined) throw new InvalidValue('not a known value', expected);
      return value;
    },
  };
}

/** A comma-separated list, possibly empty. */
export const list: Kind<string[]> = {
  placeholder: '<list>',
  expected: 'a comma-separated list',
  parse: parseList,
};

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1 << 20,
  mib: 1 << 20,
};

/** Bytes, or with a unit: `1048576`, `512kb`, `1mb`. */
export function size(min: number, max: number): Kind<number> {
  const expected = `a size from ${min / 1024}kb to ${max / (1 << 20)}mb, in bytes or with kb or mb`;
  return {
    placeholder: '<size>',
    expected,
    parse(raw) {
      const match = /^(\d+)\s*([a-z]*)$/i.exec(raw.trim());
      const unit = UNITS[(match?.[2] ?? '').toLowerCase()];
      if (!match || unit === undefined) throw new InvalidValue('not a size', expected);
      const value = Number(match[1]) * unit;
      if (value < min) throw new InvalidValue('too small', expected);
      if (value > max) throw new InvalidValue('too large', expected);
      return value;
    },
  };
}

/** Free text, not empty. */
export const text: Kind<string> = {
  placeholder: '<text>',
  expected: 'a non-empty value',
  parse(raw) {
    const value = raw.trim();
    if (value === '') throw new InvalidValue('empty', 'a non-empty value');
    return value;
  },
};

/**
 * `raw` as a URL of one of `protocols` (`'http:'`), or an InvalidValue that says what is wrong with it;
 * `noCredentials` names why a user name or password is refused.
 */
function parseUrl(
  raw: string,
  protocols: readonly string[],
  expected: string,
  noCredentials?: string,
): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InvalidValue('not a URL', expected);
  }
  if (!protocols.includes(url.protocol)) {
    throw new InvalidValue(`${url.protocol} is not ${protocols.join(' or ')}`, expected);
  }
  if (noCredentials !== undefined && (url.username !== '' || url.password !== '')) {
    throw new InvalidValue(noCredentials, expected);
  }
  return url;
}

const HTTP = ['http:', 'https:'];
const ORIGIN = 'an http:// or https:// origin';
const HTTP_URL = 'an http:// or https:// URL';

/** An http(s) origin: no credentials (they would be logged with it), no query or fragment. */
export const httpOrigin: Kind<string> = {
  placeholder: '<url>',
  expected: ORIGIN,
  parse(raw) {
    const url = parseUrl(
      raw,
      HTTP,
      ORIGIN,
      'it holds a user name or password (the API key travels in its own header)',
    );
    if (url.search !== '' || url.hash !== '') {
      throw new InvalidValue('it has a ? query or # fragment', ORIGIN);
    }
    return raw.trim();
  },
};

/** An http(s) URL (a path is allowed): no credentials, no fragment. */
export const httpUrl: Kind<string> = {
  placeholder: '<url>',
  expected: HTTP_URL,
  parse(raw) {
    const url = parseUrl(raw, HTTP, HTTP_URL, 'it holds a user name or password');
    if (url.hash !== '') throw new InvalidValue('it has a # fragment', HTTP_URL);
    return raw.trim();
  },
};

/** A non-empty comma-separated list of `values`, each once, any case. */
export function someOf<const V extends string>(values: readonly V[]): Kind<V[]> {
  const expected = `a comma-separated list of ${values.join(', ')}`;
  return {
    placeholder: '<list>',
    expected,
    parse(raw) {
      const given = parseList(raw.toLowerCase());
      const unknown = given.filter((item) => !(values as readonly string[]).includes(item));
      if (unknown.length > 0) {
        throw new InvalidValue(
          `${unknown.map((item) => `'${item}'`).join(', ')} unknown`,
          expected,
        );
      }
      if (given.length === 0) throw new InvalidValue('empty', expected);
      return values.filter((value) => given.includes(value));
    },
  };
}

/** `memory`, or a Redis URL with a host (its password, if any, is never repeated in a message). */
const STORE = 'memory or a redis:// or rediss:// URL such as redis://redis.internal:6379/0';
export const storeUrl: Kind<string> = {
  placeholder: '<memory|url>',
  expected: STORE,
  parse(raw) {
    const value = raw.trim();
    if (value.toLowerCase() === 'memory') return 'memory';
    const url = parseUrl(value, ['redis:', 'rediss:'], STORE);
    if (url.hostname === '') throw new InvalidValue('the URL has no host', STORE);
    return value;
  },
};

/** Key prefix in the shared store. */
export const keyPrefix: Kind<string> = {
  placeholder: '<prefix>',
  expected: '1 to 64 letters, digits or : _ . -',
  parse(raw) {
    const value = raw.trim();
    if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(value)) {
      throw new InvalidValue('not a usable key prefix', '1 to 64 letters, digits or : _ . -');
    }
    return value;
  },
};

/** A random secret of at least `minLength` characters. */
export function secret(minLength: number): Kind<string> {
  const expected = `at least ${minLength} random characters, the same on every replica`;
  return {
    placeholder: '<secret>',
    secret: true,
    expected,
    parse(raw) {
      if (raw.length < minLength) throw new InvalidValue('too short', expected);
      return raw;
    },
  };
}

/** Toolset names from the catalogue, or `all`. */
export const toolsets: Kind<string[]> = {
  placeholder: '<list>',
  expected: 'a comma-separated list of toolsets, or all',
  parse: (raw, { catalog }) =>
    parseNames({ raw, known: catalog.toolsets, noun: 'toolset', extra: ['all'] }),
};

/** Tool names from the catalogue. */
export const toolNames: Kind<string[]> = {
  placeholder: '<list>',
  expected: 'a comma-separated list of tool names',
  parse: (raw, { catalog }) => parseNames({ raw, known: catalog.tools, noun: 'tool' }),
};
