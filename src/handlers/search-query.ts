/**
 * The small grammar behind search_api: it reads a natural-language question ("How many Windows
 * devices are in my account?", "suspended users", "count of macOS 14 devices", "jane") into object
 * kinds, qualifiers (operating system, version, user or device state) and leftover search text.
 */

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
  'suspended' | 'active' | 'staged' | 'locked' | 'password_expired' | 'mfa_on' | 'mfa_off';
export type DeviceState = 'online' | 'offline';

export interface ParsedQuery {
  /** The question asks for a number ("how many", "count", "number of", "total"). */
  count: boolean;
  /** Kinds named in the question, in a stable order; empty when none was named. */
  kinds: SearchKind[];
  os: OsQualifier[];
  userStates: UserState[];
  deviceStates: DeviceState[];
  /** Text left to search for after the grammar took what it knows, or undefined. */
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

interface Rule {
  pattern: RegExp;
  /** `m[0]` is the whole match, `m[1]` the first capture (a version, where the rule has one). */
  apply(m: RegExpMatchArray, into: ParsedQuery): void;
}

const addKind = (into: ParsedQuery, ...kinds: SearchKind[]): void => {
  for (const kind of kinds) if (!into.kinds.includes(kind)) into.kinds.push(kind);
};
/** Where in the question each OS was named, so several come out in the order they were written. */
const osPosition = new WeakMap<OsQualifier, number>();
const addOs = (
  into: ParsedQuery,
  m: RegExpMatchArray,
  os: OsName,
  version: string | undefined = m[1],
): void => {
  if (!into.os.some((q) => q.os === os && q.version === version)) {
    const qualifier: OsQualifier = version === undefined ? { os } : { os, version };
    osPosition.set(qualifier, m.index ?? 0);
    into.os.push(qualifier);
  }
};
const addElsewhere = (into: ParsedQuery, kind: OtherKind): void => {
  if (!into.elsewhere.includes(kind)) into.elsewhere.push(kind);
};
const addUserState = (into: ParsedQuery, state: UserState): void => {
  if (!into.userStates.includes(state)) into.userStates.push(state);
};
const addDeviceState = (into: ParsedQuery, state: DeviceState): void => {
  if (!into.deviceStates.includes(state)) into.deviceStates.push(state);
};

/** macOS marketing names and their major versions. */
const MACOS_NAMES: Record<string, string> = {
  tahoe: '26',
  sequoia: '15',
  sonoma: '14',
  ventura: '13',
  monterey: '12',
  'big sur': '11',
  catalina: '10.15',
  mojave: '10.14',
};

const VERSION = String.raw`(?:\s*v?(\d+(?:\.\d+){0,2}))?`;
const word = (body: string): RegExp => new RegExp(String.raw`(?<![\w.])(?:${body})(?![\w])`, 'i');

/** Order matters: longer, more specific phrases first, so "user groups" is not read as "users". */
const RULES: Rule[] = [
  {
    pattern: word(
      String.raw`how\s+many|count(?:\s+of)?|number\s+of|total(?:\s+number\s+of)?|tally\s+of`,
    ),
    apply: (_m, q) => {
      q.count = true;
    },
  },
  {
    pattern: word(String.raw`user[\s_-]*groups?|groups?\s+of\s+users`),
    apply: (_m, q) => addKind(q, 'user_groups'),
  },
  {
    pattern: word(
      String.raw`(?:device|system|computer|machine)[\s_-]*groups?|groups?\s+of\s+(?:devices|systems|computers)`,
    ),
    apply: (_m, q) => addKind(q, 'device_groups'),
  },
  {
    pattern: word(String.raw`groups?`),
    apply: (_m, q) => addKind(q, 'user_groups', 'device_groups'),
  },
  {
    pattern: word(String.raw`(?:sso\s+|saml\s+|web\s+)?(?:applications?|apps?)`),
    apply: (_m, q) => addKind(q, 'applications'),
  },
  {
    pattern: word(String.raw`users?|people|persons?|employees?|staff|identities|identity`),
    apply: (_m, q) => addKind(q, 'users'),
  },
  {
    pattern: word(
      String.raw`devices?|systems?|computers?|machines?|laptops?|desktops?|workstations?|endpoints?|hosts?|servers?`,
    ),
    apply: (_m, q) => addKind(q, 'devices'),
  },
  // Operating systems, each with an optional version ("macOS 14", "Windows 11", "Ubuntu 22.04").
  {
    pattern: word(
      Object.keys(MACOS_NAMES)
        .map((n) => n.replace(' ', String.raw`\s+`))
        .join('|'),
    ),
    apply: (m, q) => addOs(q, m, 'macos', MACOS_NAMES[m[0].toLowerCase().replace(/\s+/g, ' ')]),
  },
  {
    pattern: word(String.raw`(?:mac\s*os(?:\s*x)?|os\s*x|osx|macbooks?|imacs?|macs?)` + VERSION),
    apply: (m, q) => addOs(q, m, 'macos'),
  },
  { pattern: word(String.raw`win(10|11)`), apply: (m, q) => addOs(q, m, 'windows') },
  {
    pattern: word(String.raw`(?:microsoft\s+)?windows` + VERSION),
    apply: (m, q) => addOs(q, m, 'windows'),
  },
  { pattern: word(String.raw`ubuntu` + VERSION), apply: (m, q) => addOs(q, m, 'ubuntu') },
  { pattern: word(String.raw`debian` + VERSION), apply: (m, q) => addOs(q, m, 'debian') },
  { pattern: word(String.raw`centos` + VERSION), apply: (m, q) => addOs(q, m, 'centos') },
  { pattern: word(String.raw`fedora` + VERSION), apply: (m, q) => addOs(q, m, 'fedora') },
  {
    pattern: word(String.raw`(?:rhel|red\s*hat(?:\s+enterprise\s+linux)?)` + VERSION),
    apply: (m, q) => addOs(q, m, 'rhel'),
  },
  {
    pattern: word(String.raw`amazon\s+linux` + VERSION),
    apply: (m, q) => addOs(q, m, 'amazon_linux'),
  },
  {
    pattern: word(String.raw`rocky(?:\s+linux)?` + VERSION),
    apply: (m, q) => addOs(q, m, 'rocky'),
  },
  { pattern: word(String.raw`linux`), apply: (m, q) => addOs(q, m, 'linux') },
  {
    pattern: word(String.raw`(?:ipad\s*os|ipads?)` + VERSION),
    apply: (m, q) => addOs(q, m, 'ipados'),
  },
  { pattern: word(String.raw`(?:ios|iphones?)` + VERSION), apply: (m, q) => addOs(q, m, 'ios') },
  { pattern: word(String.raw`android` + VERSION), apply: (m, q) => addOs(q, m, 'android') },
  // Objects other tools cover.
  {
    pattern: word(String.raw`admins?|administrators?`),
    apply: (_m, q) => addElsewhere(q, 'administrators'),
  },
  { pattern: word(String.raw`commands?|scripts?`), apply: (_m, q) => addElsewhere(q, 'commands') },
  { pattern: word(String.raw`polic(?:y|ies)`), apply: (_m, q) => addElsewhere(q, 'policies') },
  {
    pattern: word(String.raw`software|installed\s+programs?`),
    apply: (_m, q) => addElsewhere(q, 'software'),
  },
  // User states; MFA first, so "MFA disabled" is not read as a suspended user.
  {
    pattern: word(
      String.raw`(?:without|no|not\s+using|lacking|(?:do|does|did)(?:n['’]t|\s+not)\s+(?:use|have|enable|set\s+up))\s+` +
        String.raw`(?:mfa|2fa|totp|multi[\s-]*factor)(?:\s+(?:enabled|set\s+up|configured|turned\s+on))?|(?:mfa|2fa|totp)\s+(?:disabled|off|not\s+(?:enabled|set\s+up|configured))`,
    ),
    apply: (_m, q) => addUserState(q, 'mfa_off'),
  },
  {
    pattern: word(
      String.raw`(?:with\s+|using\s+|having\s+)?(?:mfa|2fa|totp|multi[\s-]*factor(?:\s+auth(?:entication)?)?)(?:\s+(?:enabled|on|configured))?`,
    ),
    apply: (_m, q) => addUserState(q, 'mfa_on'),
  },
  {
    pattern: word(String.raw`suspended|disabled|deactivated`),
    apply: (_m, q) => addUserState(q, 'suspended'),
  },
  {
    pattern: word(String.raw`staged|pending|not\s+yet\s+activated|unactivated`),
    apply: (_m, q) => addUserState(q, 'staged'),
  },
  {
    pattern: word(String.raw`locked(?:\s+out)?|lockouts?`),
    apply: (_m, q) => addUserState(q, 'locked'),
  },
  {
    pattern: word(
      String.raw`(?:with\s+)?(?:an?\s+)?expired\s+passwords?|passwords?\s+(?:has\s+|have\s+)?expired`,
    ),
    apply: (_m, q) => addUserState(q, 'password_expired'),
  },
  // Device states, then "active", which means online for devices and activated for users.
  { pattern: word(String.raw`online|connected`), apply: (_m, q) => addDeviceState(q, 'online') },
  {
    pattern: word(String.raw`offline|disconnected|inactive`),
    apply: (_m, q) => addDeviceState(q, 'offline'),
  },
  {
    pattern: word(String.raw`active|activated|enabled`),
    apply: (_m, q) => {
      addUserState(q, 'active');
      addDeviceState(q, 'online');
    },
  },
];

/** Words that carry no search meaning once the grammar has read the question. */
const STOPWORDS = new Set(
  (
    'a an the are is was were be do does did i we my our me us you your in on at of for to from with by and or ' +
    'there here have has any all every each what which who whose whom how please show list find search look ' +
    'up get give tell lookup named called name matching match like account org organization organisation tenant ' +
    'jumpcloud currently right now today exist exists existing registered enrolled total overall running using ' +
    'use uses that who than does don doesn isn aren not belong belongs belonging owned owner assigned about ' +
    'details detail info information can could would should me'
  ).split(' '),
);

export const MAX_QUERY_LENGTH = 500;

/** Reads a question into kinds, qualifiers and search text. Pure; never throws on any string. */
export function parseSearchQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = {
    count: false,
    kinds: [],
    os: [],
    userStates: [],
    deviceStates: [],
    elsewhere: [],
  };
  const quoted: string[] = [];
  let rest = query
    .slice(0, MAX_QUERY_LENGTH)
    .replace(/["“”]([^"“”]+)["“”]/g, (_all, inner: string) => {
      quoted.push(inner.trim());
      return ' '.repeat(inner.length + 2);
    });
  for (const rule of RULES) {
    const global = new RegExp(rule.pattern.source, 'gi');
    for (const match of rest.matchAll(global)) rule.apply(match, parsed);
    // Blank out what a rule read, keeping positions stable for the rules after it.
    rest = rest.replace(global, (whole) => ' '.repeat(whole.length));
  }
  const leftover = rest
    .split(/[^\p{L}\p{N}@._+-]+/u)
    .map((w) => w.replace(/^[.\-_]+|[.\-_]+$/g, ''))
    .filter((w) => w.length > 1 && !STOPWORDS.has(w.toLowerCase()));
  const text = [...quoted, ...leftover].filter((t) => t.length > 0).join(' ');
  if (text.length > 0) parsed.text = text;
  parsed.kinds.sort((a, b) => SEARCH_KINDS.indexOf(a) - SEARCH_KINDS.indexOf(b));
  // "macOS Sonoma" names one OS twice: keep the versioned reading.
  parsed.os = parsed.os.filter(
    (q) => q.version !== undefined || !parsed.os.some((o) => o.os === q.os && o.version),
  );
  parsed.os.sort((a, b) => (osPosition.get(a) ?? 0) - (osPosition.get(b) ?? 0));
  return parsed;
}
