/** Thirty days of Directory Insights events across the services an organization produces. */
import { makeEvent } from '../insights/make-event.js';
import type { Administrator, Application, DiEvent, System, SystemUser } from '../types.js';
import { USER_AGENTS } from './catalog.js';
import type { SeedContext } from './seed-context.js';

const DAY_MS = 86_400_000;

export function seedEvents({
  ctx,
  days,
  perDay,
  users,
  admins,
  systems,
  applications,
}: {
  ctx: SeedContext;
  days: number;
  perDay: number;
  users: SystemUser[];
  admins: Administrator[];
  systems: System[];
  applications: Application[];
}): DiEvent[] {
  const { r } = ctx;
  const events: DiEvent[] = [];
  const active = users.filter((u) => u.state !== 'STAGED');
  const pick = <T>(list: readonly T[]): T => list[r.int({ max: list.length - 1 })]!;
  const total = days * perDay;
  for (let i = 0; i < total; i += 1) {
    const timestamp = new Date(ctx.now - r.int({ min: 60_000, max: days * DAY_MS })).toISOString();
    const roll = r.int({ max: 99 });
    const user = pick(active);
    const ip = r.ipv4();
    const base = { id: r.uuid(), orgId: ctx.orgId, timestamp, clientIp: ip };
    const userRef = {
      id: user._id,
      type: 'user' as const,
      username: user.username,
      email: user.email,
    };
    const failed = user.account_locked
      ? r.bool({ probability: 0.7 })
      : r.bool({ probability: 0.06 });
    if (roll < 30) {
      events.push(
        makeEvent({
          ...base,
          service: 'directory',
          eventType: 'user_login_attempt',
          initiator: userRef,
          resource: { type: 'user', id: user._id, username: user.username },
          userAgent: pick(USER_AGENTS),
          success: !failed,
          extra: { username: user.username, mfa: user.totp_enabled, auth_method: 'password' },
        }),
      );
    } else if (roll < 55) {
      const app = pick(applications);
      events.push(
        makeEvent({
          ...base,
          service: 'sso',
          eventType: 'sso_auth',
          initiator: userRef,
          userAgent: pick(USER_AGENTS),
          success: !failed,
          extra: {
            username: user.username,
            application: { id: app._id, name: app.name, display_label: app.displayLabel },
            sso_token_success: !failed,
          },
        }),
      );
    } else if (roll < 75 && systems.length > 0) {
      const system = pick(systems);
      events.push(
        makeEvent({
          ...base,
          service: 'systems',
          eventType: 'login_attempt',
          initiator: userRef,
          success: !failed,
          extra: {
            username: user.username,
            system: {
              id: system._id,
              hostname: system.hostname,
              displayName: system.displayName,
              type: 'system',
            },
          },
        }),
      );
    } else if (roll < 85) {
      const admin = pick(admins);
      events.push(
        makeEvent({
          ...base,
          service: 'directory',
          eventType: 'admin_login_attempt',
          initiator: { id: admin._id, type: 'admin', email: admin.email },
          resource: { type: 'admin', id: admin._id, email: admin.email },
          userAgent: pick(USER_AGENTS),
          success: r.bool({ probability: 0.95 }),
          extra: { mfa: admin.enableMultiFactor, auth_method: 'session' },
        }),
      );
    } else if (roll < 92) {
      const admin = pick(admins);
      const changed = r.pick(['department', 'jobTitle', 'location', 'employeeType']);
      events.push(
        makeEvent({
          ...base,
          service: 'directory',
          eventType: 'user_update',
          initiator: { id: admin._id, type: 'admin', email: admin.email },
          resource: { type: 'user', id: user._id, username: user.username },
          userAgent: pick(USER_AGENTS),
          extra: {
            auth_method: 'session',
            changes: [{ field: changed, from: '', to: String(user[changed] ?? '') }],
          },
        }),
      );
    } else if (roll < 96) {
      events.push(
        makeEvent({
          ...base,
          service: 'ldap',
          eventType: 'ldap_bind',
          initiator: userRef,
          success: !failed,
          extra: { username: user.username, auth_method: 'simple' },
        }),
      );
    } else {
      events.push(
        makeEvent({
          ...base,
          service: 'radius',
          eventType: 'radius_auth_attempt',
          initiator: userRef,
          success: !failed,
          extra: { username: user.username, auth_type: 'eap', eap_type: 'MSCHAPv2' },
        }),
      );
    }
  }
  events.sort((a, b) =>
    a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.id < b.id ? -1 : 1,
  );
  return events;
}
