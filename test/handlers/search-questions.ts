/**
 * Administrators' questions for search_api, each with its true answer COMPUTED from the sandbox
 * organization's own records (users, devices, groups, memberships, applications) by plain code,
 * never typed in: per kind answered, the ids that match. `askAll` pages through an answer with
 * `skip` so the whole set of ids can be compared, not only the first ten.
 */
import type { OrgData, System, SystemUser } from '../../src/sandbox/index.js';

export interface Want {
  kind: 'users' | 'devices' | 'user_groups' | 'device_groups' | 'applications';
  ids: string[];
}

export interface Question {
  /** The question, or how to write it from the organization (a real title, email, hostname). */
  ask: string | ((org: OrgData) => string);
  /** The answer per kind, in the order search_api gives the kinds. */
  want: (org: OrgData, now: number) => Want[];
}

const DAY = 86_400_000;
const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : '');
const contains = (values: unknown[], term: string) =>
  values.some((v) => lower(v).includes(term.toLowerCase()));

const users = (org: OrgData, test: (u: SystemUser) => boolean): Want => ({
  kind: 'users',
  ids: org.users.filter(test).map((u) => u._id),
});
const devices = (org: OrgData, test: (s: System) => boolean): Want => ({
  kind: 'devices',
  ids: org.systems.filter(test).map((s) => s._id),
});
const userGroups = (org: OrgData, test: (name: string, size: number) => boolean): Want => ({
  kind: 'user_groups',
  ids: org.userGroups
    .filter((g) => test(g.name, org.groupMembers.get(g.id)?.length ?? 0))
    .map((g) => g.id),
});
const deviceGroups = (org: OrgData, test: (name: string, size: number) => boolean): Want => ({
  kind: 'device_groups',
  ids: org.systemGroups
    .filter((g) => test(g.name, org.groupMembers.get(g.id)?.length ?? 0))
    .map((g) => g.id),
});
const applications = (org: OrgData, test: (a: Record<string, unknown>) => boolean): Want => ({
  kind: 'applications',
  ids: org.applications.filter((a) => test(a as Record<string, unknown>)).map((a) => a._id),
});
const membersOf = (org: OrgData, groupName: string): Set<string> => {
  const group = [...org.userGroups, ...org.systemGroups].find((g) => g.name === groupName);
  if (!group) throw new Error(`the sandbox has no group ${groupName}`);
  return new Set(org.groupMembers.get(group.id) ?? []);
};

/** The fields search_api searches text in, as its interpretation says. */
const userText = (u: SystemUser, term: string) =>
  contains(
    [u.username, u.email, u.firstname, u.lastname, u.displayname, u.department, u.jobTitle],
    term,
  );
const deviceText = (s: System, term: string) => contains([s.hostname, s.displayName], term);
const appText = (a: Record<string, unknown>, term: string) =>
  contains([a.displayLabel, a.name, a.displayName, a.description], term);
/** Free text with no kind named: every kind, each in its own fields. */
const everywhere = (org: OrgData, term: string): Want[] => [
  users(org, (u) => userText(u, term)),
  devices(org, (s) => deviceText(s, term)),
  userGroups(org, (name) => contains([name], term)),
  deviceGroups(org, (name) => contains([name], term)),
  applications(org, (a) => appText(a, term)),
];

const mfaEnrolled = (u: SystemUser) =>
  (u.mfaEnrollment as { overallStatus?: string } | undefined)?.overallStatus === 'ENROLLED';
const contactBefore = (s: System, at: number) =>
  typeof s.lastContact === 'string' && Date.parse(s.lastContact) < at;
const contactSince = (s: System, at: number) =>
  typeof s.lastContact === 'string' && Date.parse(s.lastContact) >= at;
/** A job title several users share, else the first user's. */
const aJobTitle = (org: OrgData) => String(org.users[12]?.jobTitle);
const aUser = (org: OrgData) => org.users.find((u) => u.state === 'ACTIVATED') as SystemUser;
const aWindowsDevice = (org: OrgData) =>
  org.systems.find((s) => s.osFamily === 'windows') as System;

export const QUESTIONS: Question[] = [
  // The three the issue reported.
  {
    ask: 'which users in Finance are suspended?',
    want: (o) => [users(o, (u) => u.department === 'Finance' && u.state === 'SUSPENDED')],
  },
  {
    ask: 'which devices have not checked in for 30 days?',
    want: (o, now) => [devices(o, (s) => contactBefore(s, now - 30 * DAY))],
  },
  {
    ask: 'R&D',
    want: (o) => [users(o, (u) => u.department === 'R&D'), userGroups(o, (n) => n === 'R&D')],
  },
  // Text with punctuation.
  { ask: "o'reilly", want: (o) => everywhere(o, "o'reilly") },
  { ask: "Blick-D'Amore", want: (o) => everywhere(o, "Blick-D'Amore") },
  { ask: 'wolf-white', want: (o) => everywhere(o, 'wolf-white') },
  // Operating systems and versions.
  {
    ask: 'How many Windows devices are there?',
    want: (o) => [devices(o, (s) => s.os === 'Windows')],
  },
  {
    ask: 'count of macOS 14 devices',
    want: (o) => [devices(o, (s) => s.os === 'Mac OS X' && String(s.version).startsWith('14.'))],
  },
  {
    ask: 'how many Windows 11 devices are online',
    want: (o) => [
      devices(
        o,
        (s) => s.os === 'Windows' && String(s.version).startsWith('11') && s.active === true,
      ),
    ],
  },
  {
    ask: 'ubuntu 22.04 servers',
    want: (o) => [
      devices(o, (s) => s.os.startsWith('Ubuntu') && String(s.version).startsWith('22.04')),
    ],
  },
  {
    ask: 'offline linux machines',
    want: (o) => [devices(o, (s) => s.osFamily === 'linux' && s.active === false)],
  },
  { ask: 'inactive devices', want: (o) => [devices(o, (s) => s.active === false)] },
  // Last contact.
  {
    ask: 'devices seen in the last 2 days',
    want: (o, now) => [devices(o, (s) => contactSince(s, now - 2 * DAY))],
  },
  {
    ask: 'Linux devices that have not been seen for 2 weeks',
    want: (o, now) => [
      devices(o, (s) => s.osFamily === 'linux' && contactBefore(s, now - 14 * DAY)),
    ],
  },
  // User states and MFA.
  { ask: 'how many suspended users', want: (o) => [users(o, (u) => u.state === 'SUSPENDED')] },
  { ask: 'locked out users', want: (o) => [users(o, (u) => u.account_locked === true)] },
  {
    ask: 'users with expired passwords',
    want: (o) => [users(o, (u) => u.password_expired === true)],
  },
  { ask: 'users pending activation', want: (o) => [users(o, (u) => u.state === 'STAGED')] },
  { ask: 'users not enrolled in MFA', want: (o) => [users(o, (u) => !mfaEnrolled(u))] },
  { ask: 'how many users have MFA enabled', want: (o) => [users(o, mfaEnrolled)] },
  // Departments, employee types, job titles, combined with states.
  {
    ask: 'which users in R&D are suspended?',
    want: (o) => [users(o, (u) => u.department === 'R&D' && u.state === 'SUSPENDED')],
  },
  {
    ask: 'users in R&D without MFA',
    want: (o) => [users(o, (u) => u.department === 'R&D' && !mfaEnrolled(u))],
  },
  {
    ask: 'how many pending users in Sales or Support',
    want: (o) => [
      users(o, (u) => ['Sales', 'Support'].includes(String(u.department)) && u.state === 'STAGED'),
    ],
  },
  {
    ask: 'how many users are in the Human Resources department',
    want: (o) => [users(o, (u) => u.department === 'Human Resources')],
  },
  {
    ask: 'contractors',
    want: (o) => [
      users(o, (u) => u.employeeType === 'Contractor'),
      userGroups(o, (n) => n === 'Contractors'),
    ],
  },
  {
    ask: 'full-time employees in Engineering',
    want: (o) => [
      users(o, (u) => u.employeeType === 'Full-time' && u.department === 'Engineering'),
    ],
  },
  {
    ask: (o) => `users whose job title is ${aJobTitle(o)}`,
    want: (o) => [users(o, (u) => u.jobTitle === aJobTitle(o))],
  },
  {
    ask: 'users whose job title contains Manager',
    want: (o) => [users(o, (u) => contains([u.jobTitle], 'manager'))],
  },
  // Groups: members and sizes.
  {
    ask: 'members of group Engineering',
    want: (o) => [users(o, (u) => membersOf(o, 'Engineering').has(u._id))],
  },
  {
    ask: 'suspended members of the Sales group',
    want: (o) => [users(o, (u) => membersOf(o, 'Sales').has(u._id) && u.state === 'SUSPENDED')],
  },
  {
    ask: 'devices in the Engineering Laptops group',
    want: (o) => [devices(o, (s) => membersOf(o, 'Engineering Laptops').has(s._id))],
  },
  {
    ask: 'how many devices in All Windows',
    want: (o) => [devices(o, (s) => membersOf(o, 'All Windows').has(s._id))],
  },
  {
    ask: 'groups with more than 10 members',
    want: (o) => [userGroups(o, (_n, size) => size > 10), deviceGroups(o, (_n, size) => size > 10)],
  },
  {
    ask: 'how many empty groups',
    want: (o) => [
      userGroups(o, (_n, size) => size === 0),
      deviceGroups(o, (_n, size) => size === 0),
    ],
  },
  {
    ask: 'user groups with at least 30 members',
    want: (o) => [userGroups(o, (_n, size) => size >= 30)],
  },
  // Names, emails and hostnames, exact or partial; applications.
  {
    ask: (o) => `email ${aUser(o).email} exactly`,
    want: (o) => [users(o, (u) => u.email === aUser(o).email)],
  },
  {
    ask: 'users with email containing oreilly',
    want: (o) => [users(o, (u) => contains([u.email], 'oreilly'))],
  },
  {
    ask: (o) => `device ${aWindowsDevice(o).hostname} exactly`,
    want: (o) => [devices(o, (s) => s.hostname === aWindowsDevice(o).hostname)],
  },
  {
    ask: 'devices with hostname containing mbp',
    want: (o) => [devices(o, (s) => contains([s.hostname, s.displayName], 'mbp'))],
  },
  {
    ask: 'applications named Slack',
    want: (o) => [applications(o, (a) => a.displayLabel === 'Slack')],
  },
  { ask: 'how many applications', want: (o) => [applications(o, () => true)] },
];

export interface Answer {
  results: Array<{
    kind: string;
    total: number | null;
    items?: Array<{ id: string }>;
    next_skip?: number;
  }>;
}

/** Every id of every kind an answer names, reading on with `skip` until no kind has more. */
export async function askAll(
  ask: (skip: number) => Promise<Answer>,
): Promise<Array<{ kind: string; total: number | null; ids: string[] }>> {
  const first = await ask(0);
  const out = first.results.map((r) => ({
    kind: r.kind,
    total: r.total,
    ids: (r.items ?? []).map((i) => i.id),
  }));
  let page = first;
  for (let pages = 1; pages < 60; pages++) {
    const next = page.results.map((r) => r.next_skip).filter((s): s is number => s !== undefined);
    if (next.length === 0) break;
    page = await ask(Math.min(...next));
    page.results.forEach((r, i) => {
      const seen = out[i]?.ids;
      for (const item of r.items ?? []) if (seen && !seen.includes(item.id)) seen.push(item.id);
    });
  }
  return out;
}
