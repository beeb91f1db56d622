/**
 * Turns a parsed search_api question into one upstream lookup per object kind (and per operating
 * system, so "Windows and macOS devices" gives one count each), with JumpCloud filters and a
 * plain-language account of how the question was read.
 */
import type {
  DeviceState,
  OsName,
  OsQualifier,
  ParsedQuery,
  SearchKind,
  UserState,
} from './search-query.js';
import { SEARCH_KINDS } from './search-query.js';

export interface KindLookup {
  kind: SearchKind;
  /** V1 filters (`field:$op:value`), all of which must match; users and devices only. */
  filters: string[];
  /** Human-readable qualifiers, for the interpretation. */
  qualifiers: string[];
  text?: string;
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

const USER_STATE_FILTER: Record<UserState, { filter: string; label: string }> = {
  suspended: { filter: 'state:$eq:SUSPENDED', label: 'suspended' },
  active: { filter: 'state:$eq:ACTIVATED', label: 'active' },
  staged: { filter: 'state:$eq:STAGED', label: 'staged (not yet activated)' },
  locked: { filter: 'account_locked:$eq:true', label: 'locked out' },
  password_expired: { filter: 'password_expired:$eq:true', label: 'password expired' },
  mfa_on: { filter: 'totp_enabled:$eq:true', label: 'MFA (TOTP) enabled' },
  mfa_off: { filter: 'totp_enabled:$eq:false', label: 'MFA (TOTP) not enabled' },
};

const DEVICE_STATE_FILTER: Record<DeviceState, { filter: string; label: string }> = {
  online: { filter: 'active:$eq:true', label: 'online' },
  offline: { filter: 'active:$eq:false', label: 'offline' },
};

const KIND_LABEL: Record<SearchKind, string> = {
  users: 'users',
  devices: 'devices',
  user_groups: 'user groups',
  device_groups: 'device groups',
  applications: 'applications',
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

/** Which kinds a question is about when it names none: the ones its qualifiers point at, else all. */
function impliedKinds(q: ParsedQuery): SearchKind[] {
  if (q.kinds.length > 0) return q.kinds;
  const implied: SearchKind[] = [];
  const userOnly = q.userStates.some((s) => s !== 'active');
  if (userOnly) implied.push('users');
  if (q.os.length > 0 || q.deviceStates.some((s) => s === 'offline')) implied.push('devices');
  return implied.length > 0 ? implied : [...SEARCH_KINDS];
}

export function planSearch(q: ParsedQuery): SearchPlan {
  const kinds = impliedKinds(q);
  const ignored = new Set<string>();
  const lookups: KindLookup[] = [];
  for (const kind of kinds) {
    if (kind === 'users') {
      const states = q.userStates.map((s) => USER_STATE_FILTER[s]);
      lookups.push({
        kind,
        filters: states.map((s) => s.filter),
        qualifiers: states.map((s) => s.label),
        ...(q.text === undefined ? {} : { text: q.text }),
      });
      continue;
    }
    if (kind === 'devices') {
      const states = q.deviceStates.map((s) => DEVICE_STATE_FILTER[s]);
      const oses: (OsQualifier | undefined)[] = q.os.length > 0 ? q.os : [undefined];
      for (const os of oses) {
        lookups.push({
          kind,
          filters: [...(os ? osFilters(os) : []), ...states.map((s) => s.filter)],
          qualifiers: [...(os ? [osLabel(os)] : []), ...states.map((s) => s.label)],
          ...(q.text === undefined ? {} : { text: q.text }),
        });
      }
      continue;
    }
    lookups.push({
      kind,
      filters: [],
      qualifiers: [],
      ...(q.text === undefined ? {} : { text: q.text }),
    });
  }
  const asksUsers = kinds.includes('users');
  const asksDevices = kinds.includes('devices');
  if (!asksDevices) {
    for (const os of q.os) ignored.add(osLabel(os));
    for (const s of q.deviceStates)
      if (!(s === 'online' && q.userStates.includes('active'))) ignored.add(s);
  }
  if (!asksUsers) {
    for (const s of q.userStates)
      if (!(s === 'active' && q.deviceStates.includes('online')))
        ignored.add(USER_STATE_FILTER[s].label);
  }
  if (!asksUsers && !asksDevices && q.userStates.includes('active')) ignored.add('active');
  const mode = q.count ? 'count' : 'search';
  return { mode, lookups, interpretation: describe(mode, lookups), ignored: [...ignored] };
}

function describe(mode: 'count' | 'search', lookups: KindLookup[]): string {
  const parts = lookups.map((l) => {
    const quals = l.qualifiers.length > 0 ? ` (${l.qualifiers.join(', ')})` : '';
    const text = l.text === undefined ? '' : ` matching "${l.text}"`;
    return `${KIND_LABEL[l.kind]}${quals}${text}`;
  });
  const verb = mode === 'count' ? 'Count' : 'Search';
  return `${verb} ${joinList(parts)}.`;
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('; ')} and ${items[items.length - 1]}`;
}
