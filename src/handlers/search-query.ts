/**
 * The small grammar behind search_api: it reads a natural-language question ("How many Windows
 * devices are in my account?", "which users in Finance are suspended?", "devices that have not
 * checked in for 30 days", "R&D") into object kinds, qualifiers (operating system and version,
 * user and device state, last contact, group size), field markers ("department", "job title",
 * "group", "email", ...) and the words left over, punctuation kept. Which leftover words name a
 * department, job title, employee type, group or application is decided later, against the
 * organization's own values (search-vocabulary.ts).
 */
import { RULES, STOPWORDS, osPosition } from './search-query-rules.js';

export const SEARCH_KINDS = [
  'users',
  'devices',
  'user_groups',
  'device_groups',
  'applications',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export type OsName =
  | 'windows'
  | 'macos'
  | 'linux'
  | 'ubuntu'
  | 'debian'
  | 'centos'
  | 'fedora'
  | 'rhel'
  | 'amazon_linux'
  | 'rocky'
  | 'ios'
  | 'ipados'
  | 'android';

export interface OsQualifier {
  os: OsName;
  /** Version prefix as written ("14", "22.04", "11"). */
  version?: string;
}

export type UserState =
  | 'suspended'
  | 'active'
  | 'inactive'
  | 'staged'
  | 'locked'
  | 'password_expired'
  | 'mfa_on'
  | 'mfa_off';
export type DeviceState = 'online' | 'offline';

export type Comparison = '$lt' | '$lte' | '$gt' | '$gte' | '$eq';

/** "not checked in for 30 days" (before), "seen in the last 7 days" (after), or a date. */
export interface LastContact {
  before: boolean;
  days?: number;
  /** An ISO date (YYYY-MM-DD) as written. */
  date?: string;
}

/** "more than 10 members": the member count compared with `n`. */
export interface GroupSize {
  op: Comparison;
  n: number;
}

/** Words that say which field the words next to them are about. */
export const FIELD_MARKERS = {
  department: 'd',
  job_title: 'j',
  employee_type: 'e',
  group: 'g',
  user_group: 'u',
  device_group: 's',
  email: 'm',
  hostname: 'h',
  application: 'a',
} as const;
export type FieldMarker = keyof typeof FIELD_MARKERS;

/** A leftover word of the question (punctuation inside it kept), or a field marker. */
export type QueryToken = { word: string; stop: boolean } | { marker: FieldMarker };

export interface ParsedQuery {
  /** The question asks for a number ("how many", "count", "number of", "total"). */
  count: boolean;
  /** Kinds named in the question, in a stable order; empty when none was named. */
  kinds: SearchKind[];
  os: OsQualifier[];
  userStates: UserState[];
  deviceStates: DeviceState[];
  lastContact?: LastContact;
  groupSize?: GroupSize;
  /** The question asks for the members of something ("members of", "membership"). */
  members: boolean;
  /** "exactly", "exact": names, emails and hostnames match whole, not in part. */
  exact: boolean;
  /** What the grammar did not read, in order: words and field markers. */
  tokens: QueryToken[];
  /** The leftover words that are not stopwords, joined; undefined when there are none. */
  text?: string;
  /** Kinds of object the question names that search_api does not cover (each has its own tool). */
  elsewhere: OtherKind[];
}

/** Objects search_api does not search, and the tool that lists them. */
export const OTHER_KINDS = {
  administrators: 'admins_list',
  commands: 'commands_list',
  policies: 'policies_list',
  software: 'softwareapp_list',
} as const;
export type OtherKind = keyof typeof OTHER_KINDS;

export const MAX_QUERY_LENGTH = 500;

const MARKER_OF_CODE = new Map<string, FieldMarker>(
  Object.entries(FIELD_MARKERS).map(([marker, code]) => [code, marker as FieldMarker]),
);
/** A marker stands in the question text as \u0001 and its one-letter code, padded with spaces. */
export const MARKER_PREFIX = '\u0001';

/** Splits leftover text into words, keeping punctuation inside a word ("R&D", "o'brien", "jean-luc"). */
function tokenize(rest: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  for (const raw of rest.split(/[\s,;!?()[\]{}<>|"\u201c\u201d]+/u)) {
    if (raw.startsWith(MARKER_PREFIX)) {
      const marker = MARKER_OF_CODE.get(raw.slice(1, 2));
      if (marker) tokens.push({ marker });
      continue;
    }
    const word = raw
      .replace(/\u2019/g, "'")
      .replace(/^[.'\-_:=*]+|[.'\-_:=*]+$/g, '')
      .replace(/'s$/i, '');
    if (word.length === 0 || (word.length === 1 && !/\d/.test(word))) continue;
    tokens.push({ word, stop: STOPWORDS.has(word.toLowerCase()) });
  }
  return tokens;
}

/** Reads a question into kinds, qualifiers and leftover words. Pure; never throws on any string. */
export function parseSearchQuery(query: string, phrases: readonly string[] = []): ParsedQuery {
  const parsed: ParsedQuery = {
    count: false,
    kinds: [],
    os: [],
    userStates: [],
    deviceStates: [],
    members: false,
    exact: false,
    tokens: [],
    elsewhere: [],
  };
  const quoted: string[] = [];
  let rest = query
    .slice(0, MAX_QUERY_LENGTH)
    .replaceAll(MARKER_PREFIX, ' ')
    .replace(/["\u201c\u201d]([^"\u201c\u201d]+)["\u201c\u201d]/g, (_all, inner: string) => {
      quoted.push(inner.trim());
      return ' '.repeat(inner.length + 2);
    });
  // Names the organization uses that hold words of the grammar ("All Windows", "Linux Servers").
  for (const phrase of phrases) {
    const at = rest.toLowerCase().indexOf(phrase.toLowerCase());
    if (at < 0) continue;
    quoted.push(rest.slice(at, at + phrase.length));
    rest = rest.slice(0, at) + ' '.repeat(phrase.length) + rest.slice(at + phrase.length);
  }
  for (const rule of RULES) {
    const global = new RegExp(rule.pattern.source, 'giu');
    for (const match of rest.matchAll(global)) rule.apply(match, parsed);
    // Blank out what a rule read (or leave its marker), keeping positions stable for later rules.
    rest = rest.replace(global, (whole) => {
      const code =
        rule.marker === undefined ? '' : ` ${MARKER_PREFIX}${FIELD_MARKERS[rule.marker]}`;
      return code + ' '.repeat(Math.max(whole.length - code.length, 0));
    });
  }
  parsed.tokens = [
    ...quoted.filter((q) => q.length > 0).map((word) => ({ word, stop: false })),
    ...tokenize(rest),
  ];
  const text = parsed.tokens
    .flatMap((t) => ('word' in t && !t.stop ? [t.word] : []))
    .join(' ')
    .slice(0, MAX_QUERY_LENGTH);
  if (text.length > 0) parsed.text = text;
  parsed.kinds.sort((a, b) => SEARCH_KINDS.indexOf(a) - SEARCH_KINDS.indexOf(b));
  // "macOS Sonoma" names one OS twice: keep the versioned reading.
  parsed.os = parsed.os.filter(
    (q) => q.version !== undefined || !parsed.os.some((o) => o.os === q.os && o.version),
  );
  parsed.os.sort((a, b) => (osPosition.get(a) ?? 0) - (osPosition.get(b) ?? 0));
  return parsed;
}
