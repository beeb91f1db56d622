/**
 * The rules of search_api's grammar, in the order they read a question: each finds a phrase,
 * records what it means in the parsed question and is blanked out (or left as a field marker), so
 * later rules and the leftover words never see it twice. Longer, more specific phrases come first.
 */
import type {
  Comparison,
  DeviceState,
  FieldMarker,
  OsName,
  OsQualifier,
  OtherKind,
  ParsedQuery,
  SearchKind,
  UserState,
} from './search-query.js';

export interface Rule {
  pattern: RegExp;
  /** `m[0]` is the whole match, `m[1]`... its captures. */
  apply(m: RegExpMatchArray, into: ParsedQuery): void;
  /** Leave this field marker where the phrase was, so the words next to it are read as its value. */
  marker?: FieldMarker;
}

const addKind = (into: ParsedQuery, ...kinds: SearchKind[]): void => {
  for (const kind of kinds) if (!into.kinds.includes(kind)) into.kinds.push(kind);
};
/** Where in the question each OS was named, so several come out in the order they were written. */
export const osPosition = new WeakMap<OsQualifier, number>();
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

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};
const NUM = String.raw`(\d+|${Object.keys(NUMBER_WORDS).join('|')})`;
const UNIT = String.raw`(hours?|days?|weeks?|months?|years?)`;
const DAYS_PER: Record<string, number> = { hour: 1 / 24, day: 1, week: 7, month: 30, year: 365 };
const toNumber = (raw: string | undefined): number =>
  raw === undefined ? 1 : /^\d+$/.test(raw) ? Number(raw) : (NUMBER_WORDS[raw.toLowerCase()] ?? 1);
const toDays = (n: string | undefined, unit: string): number =>
  toNumber(n) * (DAYS_PER[unit.toLowerCase().replace(/s$/, '')] ?? 1);

const CONTACTED = String.raw`(?:checked[\s-]*in|check[\s-]*in|seen|contacted|reported(?:\s+in)?|connected|synced|online|active|used)`;
const LAST_CONTACT = String.raw`last\s+(?:contact(?:ed)?|seen|check[\s-]*in|checked[\s-]*in|connection|connected|online|activity)`;
const NOT = String.raw`(?:(?:have|has|had|did|do|does)(?:n['\u2019]t|\s+not)|not|never)`;
const DATE = String.raw`(\d{4}-\d{2}-\d{2})`;

const SIZE_OPS: [RegExp, Comparison][] = [
  [/^(more|greater)\s+than|^over|^above|^>$/i, '$gt'],
  [/^at\s+least|^>=$/i, '$gte'],
  [/^(fewer|less)\s+than|^under|^below|^<$/i, '$lt'],
  [/^at\s+most|^<=$/i, '$lte'],
];
const sizeOp = (raw: string | undefined): Comparison =>
  SIZE_OPS.find(([re]) => raw !== undefined && re.test(raw.trim()))?.[1] ?? '$eq';

const STATE_WORDS = String.raw`(?:mfa|2fa|totp|multi[\s-]*factor(?:\s+auth(?:entication)?)?)`;

export const RULES: Rule[] = [
  {
    pattern: word(
      String.raw`how\s+many|count(?:\s+of)?|number\s+of|total(?:\s+number\s+of)?|tally\s+of`,
    ),
    apply: (_m, q) => {
      q.count = true;
    },
  },
  {
    pattern: word(String.raw`exact(?:ly)?(?:\s+match(?:ing)?)?|precisely`),
    apply: (_m, q) => {
      q.exact = true;
    },
  },
  // Group sizes: "groups with more than 10 members", "with no members", "empty groups".
  {
    pattern: word(
      String.raw`(?:(?:with|having|containing|that\s+have|which\s+have)\s+)?(?:(more\s+than|greater\s+than|over|above|at\s+least|fewer\s+than|less\s+than|under|below|at\s+most|exactly|>=|<=|>|<|=)\s*(\d+)|(no|zero|\d+))\s+members?`,
    ),
    apply: (m, q) => {
      const none = m[3] !== undefined && /^(no|zero)$/i.test(m[3]);
      q.groupSize = {
        op: m[2] === undefined ? '$eq' : sizeOp(m[1]),
        n: none ? 0 : Number(m[2] ?? m[3]),
      };
    },
  },
  {
    pattern: word(String.raw`empty`),
    apply: (_m, q) => {
      q.groupSize = { op: '$eq', n: 0 };
    },
  },
  // Last contact, by date, then by a number of days.
  {
    pattern: word(
      String.raw`(?:${NOT}\s+(?:been\s+)?${CONTACTED}\s+since|${LAST_CONTACT}\s+before|${CONTACTED}\s+before)\s+${DATE}`,
    ),
    apply: (m, q) => {
      q.lastContact = { before: true, date: m[1] };
    },
  },
  {
    pattern: word(String.raw`(?:${CONTACTED}|${LAST_CONTACT})\s+(?:since|after)\s+${DATE}`),
    apply: (m, q) => {
      q.lastContact = { before: false, date: m[1] };
    },
  },
  {
    pattern: word(
      String.raw`${NOT}\s+(?:been\s+)?${CONTACTED}(?:\s+(?:to|with)\s+jumpcloud)?\s+(?:for|in|within|since|during|over)\s+(?:the\s+)?(?:last\s+|past\s+)?(?:(?:more\s+than|over|at\s+least)\s+)?${NUM}?\s*${UNIT}`,
    ),
    apply: (m, q) => {
      q.lastContact = { before: true, days: toDays(m[1], m[2] as string) };
    },
  },
  {
    pattern: word(
      String.raw`(?:${LAST_CONTACT}|offline|inactive|stale|unseen|idle|silent)\s+(?:for\s+|since\s+)?(?:more\s+than|over|longer\s+than|older\s+than|at\s+least|before|>)\s*${NUM}\s*${UNIT}(?:\s+ago)?`,
    ),
    apply: (m, q) => {
      q.lastContact = { before: true, days: toDays(m[1], m[2] as string) };
    },
  },
  {
    pattern: word(
      String.raw`(?:${LAST_CONTACT}|${CONTACTED})\s+(?:in|within|during|over)\s+(?:the\s+)?(?:last|past)\s+${NUM}?\s*${UNIT}`,
    ),
    apply: (m, q) => {
      q.lastContact = { before: false, days: toDays(m[1], m[2] as string) };
    },
  },
  {
    pattern: word(String.raw`members?(?:hip)?(?:\s+(?:of|in))?|belong(?:s|ing)?\s+to`),
    apply: (_m, q) => {
      q.members = true;
    },
  },
  // Field markers: the words next to them are the field's value.
  {
    pattern: word(String.raw`(?:employee|employment|worker)[\s_-]*(?:types?|status)`),
    apply: (_m, q) => addKind(q, 'users'),
    marker: 'employee_type',
  },
  {
    pattern: word(String.raw`job[\s_-]*titles?|titles?`),
    apply: (_m, q) => addKind(q, 'users'),
    marker: 'job_title',
  },
  {
    pattern: word(String.raw`departments?|depts?\.?`),
    apply: (_m, q) => addKind(q, 'users'),
    marker: 'department',
  },
  {
    pattern: word(String.raw`e-?mails?(?:\s+address(?:es)?)?`),
    apply: (_m, q) => addKind(q, 'users'),
    marker: 'email',
  },
  {
    pattern: word(String.raw`host[\s_-]*names?|(?:computer|device|machine)\s+names?`),
    apply: (_m, q) => addKind(q, 'devices'),
    marker: 'hostname',
  },
  {
    pattern: word(String.raw`user[\s_-]*groups?|groups?\s+of\s+users`),
    apply: (_m, q) => addKind(q, 'user_groups'),
    marker: 'user_group',
  },
  {
    pattern: word(
      String.raw`(?:device|system|computer|machine)[\s_-]*groups?|groups?\s+of\s+(?:devices|systems|computers)`,
    ),
    apply: (_m, q) => addKind(q, 'device_groups'),
    marker: 'device_group',
  },
  {
    pattern: word(String.raw`groups?`),
    apply: (_m, q) => addKind(q, 'user_groups', 'device_groups'),
    marker: 'group',
  },
  {
    pattern: word(String.raw`(?:sso\s+|saml\s+|web\s+)?(?:applications?|apps?)`),
    apply: (_m, q) => addKind(q, 'applications'),
    marker: 'application',
  },
  {
    pattern: word(
      String.raw`users?|people|persons?|employees?|staff|identities|identity|accounts?\s+holders?`,
    ),
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
      String.raw`(?:without|no|not\s+using|lacking|(?:do|does|did)(?:n['\u2019]t|\s+not)\s+(?:use|have|enable|set\s+up))\s+` +
        String.raw`${STATE_WORDS}(?:\s+(?:enabled|set\s+up|configured|turned\s+on|enrollment))?` +
        String.raw`|(?:not|never|n['\u2019]t)\s+(?:been\s+)?(?:enrolled|registered|set\s+up)\s+(?:in|for|with)\s+${STATE_WORDS}` +
        String.raw`|${STATE_WORDS}\s+(?:disabled|off|unenrolled|not\s+(?:enrolled|enabled|set\s+up|configured))`,
    ),
    apply: (_m, q) => addUserState(q, 'mfa_off'),
  },
  {
    pattern: word(
      String.raw`(?:(?:with|using|having|(?:enrolled|registered)\s+(?:in|for|with))\s+)?${STATE_WORDS}(?:\s+(?:enabled|on|configured|enrolled))?`,
    ),
    apply: (_m, q) => addUserState(q, 'mfa_on'),
  },
  {
    pattern: word(String.raw`suspended|disabled|deactivated`),
    apply: (_m, q) => addUserState(q, 'suspended'),
  },
  {
    pattern: word(
      String.raw`staged|pending(?:\s+activation)?|not\s+(?:yet\s+)?activated|unactivated|never\s+activated|awaiting\s+activation`,
    ),
    apply: (_m, q) => addUserState(q, 'staged'),
  },
  {
    pattern: word(String.raw`locked(?:\s+out)?|lockouts?`),
    apply: (_m, q) => addUserState(q, 'locked'),
  },
  {
    pattern: word(
      String.raw`(?:with\s+)?(?:an?\s+)?expired\s+passwords?|passwords?\s+(?:that\s+)?(?:has\s+|have\s+)?expired`,
    ),
    apply: (_m, q) => addUserState(q, 'password_expired'),
  },
  // Device states, then "active"/"inactive", which read both ways (devices and users).
  { pattern: word(String.raw`online|connected`), apply: (_m, q) => addDeviceState(q, 'online') },
  {
    pattern: word(String.raw`offline|disconnected`),
    apply: (_m, q) => addDeviceState(q, 'offline'),
  },
  {
    pattern: word(String.raw`inactive`),
    apply: (_m, q) => {
      addUserState(q, 'inactive');
      addDeviceState(q, 'offline');
    },
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
export const STOPWORDS = new Set(
  (
    'a an the are is was were be been being do does did i we my our me us you your in on at of for to from with ' +
    'without by and or nor but if so as into within since ago still yet ever there here have has had having any ' +
    'all every each what which who whose whom where when how please show list find search look up get give tell ' +
    'lookup named called name names matching match like account accounts org organization organisation tenant ' +
    'jumpcloud currently right now today exist exists existing registered enrolled total overall running using ' +
    'use uses that this these those than not belong belongs belonging owned owner assigned about details detail ' +
    'info information can could would should them they their it its more less fewer most least also just only ' +
    'both either some many much number status state states kind type types whole contain contains containing ' +
    'start starts starting end ends ending everyone everybody anyone anybody someone whether them want need ' +
    'see display print return fetch let know'
  ).split(' '),
);
