/**
 * Turns a read question into one upstream lookup per object kind (and per operating system, so
 * "Windows and macOS devices" gives one answer each), with JumpCloud filters, text to search for,
 * a group whose members to read, and a plain-language account of how the question was read.
 */
import type {
  DeviceState,
  GroupSize,
  LastContact,
  OsName,
  OsQualifier,
  ParsedQuery,
  SearchKind,
  UserState,
} from './search-query.js';
import { SEARCH_KINDS } from './search-query.js';
import type { Resolved } from './search-resolve.js';
import type { Category, VocabEntry } from './search-vocabulary.js';

export interface MemberOf {
  kind: 'user_group' | 'device_group';
  id: string;
  name: string;
}

export interface KindLookup {
  kind: SearchKind;
  /** V1 filters (`field:$op:value`), all of which must match; users and devices only. */
  filters: string[];
  /** Human-readable qualifiers, for the interpretation. */
  qualifiers: string[];
  /** Text to find, in part and case-insensitively (whole, with `exact`). */
  text?: string;
  /** The fields `text` is searched in, when not the kind's usual ones. */
  searchFields?: string[];
  exact?: boolean;
  /** Only the members of this group (users of a user group, devices of a device group). */
  memberOf?: MemberOf;
  /** Groups or applications with exactly these names. */
  names?: string[];
  groupSize?: GroupSize;
}

export interface SearchPlan {
  mode: 'count' | 'search';
  lookups: KindLookup[];
  /** One sentence saying how the question was read. */
  interpretation: string;
  /** Qualifiers the question gave that do not apply to the kinds it asks about. */
  ignored: string[];
}

const OS_FILTER: Record<
  OsName,
  { field: string; op: '$eq' | '$sw'; value: string; label: string }
> = {
  windows: { field: 'os', op: '$eq', value: 'Windows', label: 'Windows' },
  macos: { field: 'os', op: '$eq', value: 'Mac OS X', label: 'macOS' },
  linux: { field: 'osFamily', op: '$eq', value: 'linux', label: 'Linux (any distribution)' },
  ubuntu: { field: 'os', op: '$sw', value: 'Ubuntu', label: 'Ubuntu' },
  debian: { field: 'os', op: '$sw', value: 'Debian', label: 'Debian' },
  centos: { field: 'os', op: '$sw', value: 'CentOS', label: 'CentOS' },
  fedora: { field: 'os', op: '$sw', value: 'Fedora', label: 'Fedora' },
  rhel: { field: 'os', op: '$sw', value: 'Red Hat', label: 'Red Hat Enterprise Linux' },
  amazon_linux: { field: 'os', op: '$sw', value: 'Amazon Linux', label: 'Amazon Linux' },
  rocky: { field: 'os', op: '$sw', value: 'Rocky', label: 'Rocky Linux' },
  ios: { field: 'os', op: '$eq', value: 'iOS', label: 'iOS' },
  ipados: { field: 'os', op: '$eq', value: 'iPadOS', label: 'iPadOS' },
  android: { field: 'os', op: '$eq', value: 'Android', label: 'Android' },
};

export const USER_STATE_FILTER: Record<UserState, { filter: string; label: string }> = {
  suspended: { filter: 'state:$eq:SUSPENDED', label: 'suspended' },
  active: { filter: 'state:$eq:ACTIVATED', label: 'active' },
  inactive: { filter: 'state:$ne:ACTIVATED', label: 'not active (suspended or pending)' },
  staged: { filter: 'state:$eq:STAGED', label: 'pending activation (staged)' },
  locked: { filter: 'account_locked:$eq:true', label: 'locked out' },
  password_expired: { filter: 'password_expired:$eq:true', label: 'password expired' },
  mfa_on: { filter: 'mfaEnrollment.overallStatus:$eq:ENROLLED', label: 'enrolled in MFA' },
  mfa_off: { filter: 'mfaEnrollment.overallStatus:$ne:ENROLLED', label: 'not enrolled in MFA' },
};

const DEVICE_STATE_FILTER: Record<DeviceState, { filter: string; label: string }> = {
  online: { filter: 'active:$eq:true', label: 'online' },
  offline: { filter: 'active:$eq:false', label: 'offline' },
};

/** User fields a department, job title or employee type is filtered on, and their labels. */
const USER_ATTRIBUTES = {
  department: { field: 'department', label: 'department' },
  job_title: { field: 'jobTitle', label: 'job title' },
  employee_type: { field: 'employeeType', label: 'employee type' },
} as const;
type UserAttribute = keyof typeof USER_ATTRIBUTES;

/** Where a marker's unmatched value is searched. */
const SCOPED_FIELDS = {
  email: { kind: 'users', fields: ['email'] },
  hostname: { kind: 'devices', fields: ['hostname', 'displayName'] },
  department: { kind: 'users', fields: ['department'] },
  job_title: { kind: 'users', fields: ['jobTitle'] },
  employee_type: { kind: 'users', fields: ['employeeType'] },
  group: { kind: 'groups', fields: [] },
  user_group: { kind: 'user_groups', fields: [] },
  device_group: { kind: 'device_groups', fields: [] },
  application: { kind: 'applications', fields: [] },
} as const;

const KIND_LABEL: Record<SearchKind, string> = {
  users: 'users',
  devices: 'devices',
  user_groups: 'user groups',
  device_groups: 'device groups',
  applications: 'applications',
};

export const CATEGORY_LABEL: Record<Category, string> = {
  department: 'a department',
  job_title: 'a job title',
  employee_type: 'an employee type',
  user_group: 'a user group',
  device_group: 'a device group',
  application: 'an application',
};

const SIZE_LABEL: Record<GroupSize['op'], string> = {
  $gt: 'more than',
  $gte: 'at least',
  $lt: 'fewer than',
  $lte: 'at most',
  $eq: 'exactly',
};

/**
 * The V1 filter for an OS qualifier. A bare major version of a dotted scheme ("macOS 14",
 * "Ubuntu 22") matches "14.x" but not "140"; Windows versions read "11 Pro", so they match as is.
 */
export function osFilters(q: OsQualifier): string[] {
  const base = OS_FILTER[q.os];
  const filters = [`${base.field}:${base.op}:${base.value}`];
  if (q.version !== undefined) {
    const dotted = q.os !== 'windows' && /^\d+$/.test(q.version);
    filters.push(`version:$sw:${q.version}${dotted ? '.' : ''}`);
  }
  return filters;
}

export function osLabel(q: OsQualifier): string {
  return q.version === undefined ? OS_FILTER[q.os].label : `${OS_FILTER[q.os].label} ${q.version}`;
}

/** `lastContact` compared with a moment `days` before `now`, or with a date as written. */
export function lastContactFilter(c: LastContact, now: number): { filter: string; label: string } {
  const op = c.before ? '$lt' : '$gte';
  if (c.date !== undefined) {
    return {
      filter: `lastContact:${op}:${c.date}`,
      label: `last contact ${c.before ? 'before' : 'since'} ${c.date}`,
    };
  }
  const days = c.days ?? 1;
  const at = new Date(now - days * 86_400_000).toISOString();
  const span =
    days >= 1 && Number.isInteger(days) ? `${days} days` : `${Math.round(days * 24)} hours`;
  return {
    filter: `lastContact:${op}:${at}`,
    label: c.before ? `no contact for ${span}` : `in contact within ${span}`,
  };
}

/** A V1 `$eq` for one value, `$in` (with `|` escaped) for several. */
function attributeFilter(field: string, values: string[]): string {
  if (values.length === 1) return `${field}:$eq:${values[0]}`;
  return `${field}:$in:${values.map((v) => v.replace(/\|/g, '\\|')).join('|')}`;
}

const isGroupCategory = (c: Category): c is 'user_group' | 'device_group' =>
  c === 'user_group' || c === 'device_group';
const isUserAttribute = (c: Category): c is UserAttribute => c in USER_ATTRIBUTES;

const pushUnique = <T>(list: T[], value: T): void => {
  if (!list.includes(value)) list.push(value);
};

interface Reading {
  kinds: SearchKind[];
  memberOf?: MemberOf;
  attributes: Record<UserAttribute, string[]>;
  names: Record<'user_group' | 'device_group' | 'application', string[]>;
  scoped: Partial<Record<SearchKind, { text: string; fields: string[] }>>;
  /** Phrases naming something the kinds asked about do not have: searched as text instead. */
  asText: string[];
  ignored: string[];
}

/** Decides what each matched phrase means given the kinds asked about, and which kinds to answer. */
function readMatches(q: ParsedQuery, r: Resolved): Reading {
  const named = [...q.kinds];
  const reading: Reading = {
    kinds: [],
    attributes: { department: [], job_title: [], employee_type: [] },
    names: { user_group: [], device_group: [], application: [] },
    scoped: {},
    asText: [],
    ignored: [],
  };
  const implied: SearchKind[] = [];
  const asksMembers = q.members || named.includes('users') || named.includes('devices');
  for (const m of r.matches) {
    const groups = m.entries.filter((e) => isGroupCategory(e.category));
    const attributes = m.entries.filter((e) => isUserAttribute(e.category));
    const groupMarker =
      m.marker === 'group' || m.marker === 'user_group' || m.marker === 'device_group';
    const membership =
      groups.length > 0 &&
      asksMembers &&
      q.groupSize === undefined &&
      reading.memberOf === undefined &&
      (groupMarker || q.members || attributes.length === 0);
    if (membership) {
      const wantsDevices = named.includes('devices') && !named.includes('users');
      const group: VocabEntry =
        groups.find((g) => g.category === (wantsDevices ? 'device_group' : 'user_group')) ??
        (groups[0] as VocabEntry);
      const kind = group.category as 'user_group' | 'device_group';
      reading.memberOf = { kind, id: group.id ?? '', name: group.value };
      pushUnique(implied, kind === 'user_group' ? 'users' : 'devices');
      continue;
    }
    for (const e of m.entries) {
      if (isUserAttribute(e.category)) {
        pushUnique(reading.attributes[e.category], e.value);
        pushUnique(implied, 'users');
      } else {
        const kind: SearchKind =
          e.category === 'user_group'
            ? 'user_groups'
            : e.category === 'device_group'
              ? 'device_groups'
              : 'applications';
        pushUnique(reading.names[e.category as 'user_group'], e.value);
        pushUnique(implied, kind);
      }
    }
    // Named kinds the phrase says nothing about: say so rather than guess.
    const applies = (kind: SearchKind) =>
      m.entries.some(
        (e) =>
          (kind === 'users' && isUserAttribute(e.category)) ||
          (kind === 'user_groups' && e.category === 'user_group') ||
          (kind === 'device_groups' && e.category === 'device_group') ||
          (kind === 'applications' && e.category === 'application'),
      );
    if (named.length > 0 && !named.some(applies)) {
      const what = [...new Set(m.entries.map((e) => CATEGORY_LABEL[e.category]))].join(' and ');
      reading.ignored.push(`"${m.phrase}" (${what}), searched as text`);
      reading.asText.push(m.phrase);
    }
  }
  for (const s of r.scoped) {
    const target = SCOPED_FIELDS[s.marker];
    const kinds: SearchKind[] =
      target.kind === 'groups' ? ['user_groups', 'device_groups'] : [target.kind];
    for (const kind of kinds) {
      const prior = reading.scoped[kind];
      reading.scoped[kind] = prior
        ? {
            text: `${prior.text} ${s.text}`,
            fields: [...new Set([...prior.fields, ...target.fields])],
          }
        : { text: s.text, fields: [...target.fields] };
      pushUnique(implied, kind);
    }
  }
  if (q.userStates.some((s) => s !== 'active' && s !== 'inactive')) pushUnique(implied, 'users');
  if (q.os.length > 0 || q.lastContact !== undefined || q.deviceStates.includes('offline'))
    pushUnique(implied, 'devices');
  if (q.groupSize !== undefined) {
    pushUnique(implied, 'user_groups');
    pushUnique(implied, 'device_groups');
  }
  let kinds = named.length > 0 ? named : implied;
  if (kinds.length === 0) kinds = [...SEARCH_KINDS];
  if (reading.memberOf) {
    // "members of group X": the members, not the group, and only the kind a group holds.
    const members = reading.memberOf.kind === 'user_group' ? 'users' : 'devices';
    const other = members === 'users' ? 'devices' : 'users';
    if (named.includes(other) && !named.includes(members))
      reading.ignored.push(`${other}: ${reading.memberOf.name} holds ${members}`);
    kinds = kinds.filter((k) => k !== 'user_groups' && k !== 'device_groups' && k !== other);
    pushUnique(kinds, members);
  } else if (reading.names.user_group.length + reading.names.device_group.length > 0) {
    // A group name says which kind of group it is.
    const keep = kinds.filter(
      (k) =>
        (k !== 'user_groups' ||
          reading.names.user_group.length > 0 ||
          reading.scoped.user_groups) &&
        (k !== 'device_groups' ||
          reading.names.device_group.length > 0 ||
          reading.scoped.device_groups),
    );
    if (keep.length > 0) kinds = keep;
  }
  reading.kinds = [...kinds].sort((a, b) => SEARCH_KINDS.indexOf(a) - SEARCH_KINDS.indexOf(b));
  return reading;
}

function textFor(
  kind: SearchKind,
  reading: Reading,
  free: string | undefined,
): Pick<KindLookup, 'text' | 'searchFields'> {
  const scoped = reading.scoped[kind];
  if (scoped === undefined) return free === undefined ? {} : { text: free };
  const text = free === undefined ? scoped.text : `${scoped.text} ${free}`;
  return scoped.fields.length > 0 && free === undefined
    ? { text, searchFields: scoped.fields }
    : { text };
}

export function planSearch(
  q: ParsedQuery,
  resolved: Resolved = {
    matches: [],
    scoped: [],
    ...(q.text === undefined ? {} : { text: q.text }),
  },
  now: number = Date.now(),
): SearchPlan {
  const reading = readMatches(q, resolved);
  const freeText = [...reading.asText, ...(resolved.text === undefined ? [] : [resolved.text])];
  const free = freeText.length > 0 ? freeText.join(' ') : undefined;
  const kinds = reading.kinds;
  const ignored = new Set<string>(reading.ignored);
  const lookups: KindLookup[] = [];
  const exact = q.exact ? { exact: true } : {};
  for (const kind of kinds) {
    const text = textFor(kind, reading, free);
    if (kind === 'users') {
      const states = q.userStates.map((s) => USER_STATE_FILTER[s]);
      const attributes = (Object.keys(USER_ATTRIBUTES) as UserAttribute[])
        .filter((a) => reading.attributes[a].length > 0)
        .map((a) => ({
          filter: attributeFilter(USER_ATTRIBUTES[a].field, reading.attributes[a]),
          label: `${USER_ATTRIBUTES[a].label} ${reading.attributes[a].join(' or ')}`,
        }));
      const member = reading.memberOf?.kind === 'user_group' ? reading.memberOf : undefined;
      lookups.push({
        kind,
        filters: [...attributes, ...states].map((s) => s.filter),
        qualifiers: [
          ...(member ? [`members of user group ${member.name}`] : []),
          ...attributes.map((a) => a.label),
          ...states.map((s) => s.label),
        ],
        ...text,
        ...exact,
        ...(member ? { memberOf: member } : {}),
      });
      continue;
    }
    if (kind === 'devices') {
      const states = q.deviceStates.map((s) => DEVICE_STATE_FILTER[s]);
      if (q.lastContact) states.push(lastContactFilter(q.lastContact, now));
      const member = reading.memberOf?.kind === 'device_group' ? reading.memberOf : undefined;
      const oses: (OsQualifier | undefined)[] = q.os.length > 0 ? q.os : [undefined];
      for (const os of oses) {
        lookups.push({
          kind,
          filters: [...(os ? osFilters(os) : []), ...states.map((s) => s.filter)],
          qualifiers: [
            ...(member ? [`members of device group ${member.name}`] : []),
            ...(os ? [osLabel(os)] : []),
            ...states.map((s) => s.label),
          ],
          ...text,
          ...exact,
          ...(member ? { memberOf: member } : {}),
        });
      }
      continue;
    }
    const names =
      kind === 'user_groups'
        ? reading.names.user_group
        : kind === 'device_groups'
          ? reading.names.device_group
          : reading.names.application;
    const size = kind === 'applications' ? undefined : q.groupSize;
    lookups.push({
      kind,
      filters: [],
      qualifiers: [
        ...(names.length > 0 ? [`named ${names.join(' or ')}`] : []),
        ...(size ? [`${SIZE_LABEL[size.op]} ${size.n} members`] : []),
      ],
      ...(names.length > 0 ? { names } : text),
      ...exact,
      ...(size ? { groupSize: size } : {}),
    });
  }
  const asksUsers = kinds.includes('users');
  const asksDevices = kinds.includes('devices');
  if (!asksDevices) {
    for (const os of q.os) ignored.add(osLabel(os));
    for (const s of q.deviceStates)
      if (!(
        (s === 'online' && q.userStates.includes('active')) ||
        (s === 'offline' && q.userStates.includes('inactive'))
      ))
        ignored.add(s);
    if (q.lastContact) ignored.add('last contact');
  }
  if (!asksUsers) {
    for (const s of q.userStates)
      if (!(
        (s === 'active' && q.deviceStates.includes('online')) ||
        (s === 'inactive' && q.deviceStates.includes('offline'))
      ))
        ignored.add(USER_STATE_FILTER[s].label);
  }
  if (!asksUsers && !asksDevices) {
    if (q.userStates.includes('active')) ignored.add('active');
    if (q.userStates.includes('inactive')) ignored.add('inactive');
  }
  if (q.groupSize && !kinds.includes('user_groups') && !kinds.includes('device_groups'))
    ignored.add('group size');
  const mode = q.count ? 'count' : 'search';
  return { mode, lookups, interpretation: describe(mode, lookups), ignored: [...ignored] };
}

function describe(mode: 'count' | 'search', lookups: KindLookup[]): string {
  const parts = lookups.map((l) => {
    const quals = l.qualifiers.length > 0 ? ` (${l.qualifiers.join(', ')})` : '';
    const where = l.searchFields ? ` in ${l.searchFields.join(', ')}` : '';
    const text =
      l.text === undefined ? '' : ` ${l.exact ? 'named exactly' : 'matching'} "${l.text}"${where}`;
    return `${KIND_LABEL[l.kind]}${quals}${text}`;
  });
  const verb = mode === 'count' ? 'Count' : 'Search';
  return `${verb} ${joinList(parts)}.`;
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('; ')} and ${items[items.length - 1]}`;
}
