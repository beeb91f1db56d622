/** Seeded system users in every state, and the organization's administrators. */
import type { Administrator, SystemUser, UserState } from '../types.js';
import { DEPARTMENTS, LOCATIONS } from './catalog.js';
import { daysAgo, daysFromNow, type SeedContext } from './seed-context.js';

type Profile = 'active' | 'suspended' | 'staged' | 'locked' | 'expired';

const PROFILE_WEIGHTS: { weight: number; value: Profile }[] = [
  { weight: 70, value: 'active' },
  { weight: 8, value: 'suspended' },
  { weight: 9, value: 'staged' },
  { weight: 6, value: 'locked' },
  { weight: 7, value: 'expired' },
];

const ENROLLED = 'ENROLLED';
const NOT_ENROLLED = 'NOT_ENROLLED';

function mfaEnrollment(totp: boolean, push: boolean): Record<string, string> {
  const overall = totp || push ? ENROLLED : NOT_ENROLLED;
  return {
    totpStatus: totp ? ENROLLED : NOT_ENROLLED,
    webAuthnStatus: NOT_ENROLLED,
    pushStatus: push ? ENROLLED : NOT_ENROLLED,
    smsStatus: NOT_ENROLLED,
    overallStatus: overall,
    jcGoStatus: NOT_ENROLLED,
  };
}

export function seedUsers({
  ctx,
  count,
  domain,
}: {
  ctx: SeedContext;
  count: number;
  domain: string;
}): SystemUser[] {
  const { f, r } = ctx;
  const users: SystemUser[] = [];
  const usernames = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    // The first users cover every profile so even a tiny organization has each state.
    const profile =
      i < PROFILE_WEIGHTS.length ? PROFILE_WEIGHTS[i]!.value : r.weighted(PROFILE_WEIGHTS);
    const firstname = f.person.firstName();
    const lastname = f.person.lastName();
    let username = `${firstname}.${lastname}`.toLowerCase().replace(/[^a-z.]/g, '');
    while (usernames.has(username)) username = `${username}${r.int({ min: 2, max: 99 })}`;
    usernames.add(username);
    const state: UserState =
      profile === 'suspended' ? 'SUSPENDED' : profile === 'staged' ? 'STAGED' : 'ACTIVATED';
    const staged = state === 'STAGED';
    const mfaOn = !staged && r.bool({ probability: 0.65 });
    const push = mfaOn && r.bool({ probability: 0.4 });
    const created = daysAgo(ctx, 3, 900);
    const passwordDate = staged ? null : daysAgo(ctx, 1, 80);
    const expired = profile === 'expired';
    const department = r.pick(DEPARTMENTS);
    users.push({
      _id: r.objectId(),
      account_locked: profile === 'locked',
      account_locked_date: profile === 'locked' ? daysAgo(ctx, 0, 6) : null,
      activated: !staged,
      addresses: [],
      allow_public_key: true,
      alternateEmail: '',
      attributes: [],
      badLoginAttempts: profile === 'locked' ? 10 : 0,
      company: domain.split('.')[0] ?? '',
      costCenter: `CC-${r.int({ min: 100, max: 140 })}`,
      created,
      department,
      description: '',
      disableDeviceMaxLoginAttempts: false,
      displayname: `${firstname} ${lastname}`,
      email: `${username}@${domain}`,
      employeeIdentifier: `E${String(1000 + i)}`,
      employeeType: r.weighted([
        { weight: 8, value: 'Full-time' },
        { weight: 2, value: 'Contractor' },
      ]),
      enable_managed_uid: false,
      enable_user_portal_multifactor: mfaOn,
      external_dn: '',
      external_source_type: '',
      externally_managed: false,
      firstname,
      jobTitle: f.person.jobTitle(),
      lastname,
      ldap_binding_user: false,
      location: r.pick(LOCATIONS),
      manager: '',
      mfa: { configured: mfaOn, exclusion: false },
      mfaEnrollment: mfaEnrollment(mfaOn && !push, push),
      middlename: '',
      organization: ctx.orgId,
      password_date: passwordDate,
      password_expiration_date: staged
        ? null
        : expired
          ? daysAgo(ctx, 1, 20)
          : daysFromNow(ctx, r.int({ min: 5, max: 85 })),
      password_expired: expired,
      password_never_expires: false,
      passwordless_sudo: false,
      phoneNumbers: [
        {
          id: r.objectId(),
          number: r.phone(),
          type: 'work',
        },
      ],
      public_key: '',
      relationships: [],
      samba_service_user: false,
      ssh_keys: [],
      state,
      sudo: department === 'IT' || department === 'Engineering',
      suspended: state === 'SUSPENDED',
      tags: [],
      totp_enabled: mfaOn && !push,
      unix_guid: 5000 + i,
      unix_uid: 5000 + i,
      username,
      creationSource: 'jumpcloud:admin',
      restrictedFields: [],
    });
  }
  return users;
}

const ROLES = [
  'Administrator With Billing',
  'Administrator',
  'Manager',
  'Help Desk',
  'Read Only',
] as const;

export function seedAdmins({
  ctx,
  domain,
  count,
}: {
  ctx: SeedContext;
  domain: string;
  count: number;
}): Administrator[] {
  const { f, r } = ctx;
  const admins: Administrator[] = [
    {
      _id: r.objectId(),
      email: `api.admin@${domain}`,
      firstname: 'API',
      lastname: 'Administrator',
      enableMultiFactor: true,
      roleName: 'Administrator With Billing',
      suspended: false,
      organization: ctx.orgId,
      created: daysAgo(ctx, 400, 900),
    },
  ];
  for (let i = 1; i < count; i += 1) {
    const firstname = f.person.firstName();
    const lastname = f.person.lastName();
    admins.push({
      _id: r.objectId(),
      email: `${firstname}.${lastname}.admin@${domain}`.toLowerCase(),
      firstname,
      lastname,
      enableMultiFactor: r.bool({ probability: 0.8 }),
      roleName: ROLES[i % ROLES.length]!,
      suspended: i === count - 1,
      organization: ctx.orgId,
      created: daysAgo(ctx, 10, 700),
    });
  }
  return admins;
}
