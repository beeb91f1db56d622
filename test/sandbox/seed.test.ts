/** The seeded organizations: same seed, same data; every user state; devices across OSes; figures. */
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/sandbox/state.js';
import { TEST_NOW, TEST_SEED } from './sandbox-client.js';

describe('seed', () => {
  it('same seed, same organizations and keys; another seed differs', () => {
    const now = TEST_NOW.getTime();
    const a = buildWorld({ seed: TEST_SEED, now });
    const b = buildWorld({ seed: TEST_SEED, now });
    const c = buildWorld({ seed: TEST_SEED + 1, now });
    const snapshot = (w: typeof a) =>
      JSON.stringify({
        ids: w.orgIds,
        key: w.mspKey,
        orgs: [...w.orgs.values()].map((o) => ({ ...o, groupMembers: [...o.groupMembers] })),
      });
    expect(snapshot(a)).toBe(snapshot(b));
    expect(c.orgIds).not.toEqual(a.orgIds);
    expect(a.mspKey.key).toMatch(/^jca_[A-Za-z0-9]{36}$/);
  });

  it('holds a realistic organization with users in every state and devices on every OS', () => {
    const world = buildWorld({ seed: TEST_SEED, now: TEST_NOW.getTime() });
    const org = world.orgs.get(world.orgIds[0]!)!;
    const users = org.users;
    expect(users.length).toBeGreaterThanOrEqual(300);
    expect(users.some((u) => u.state === 'ACTIVATED')).toBe(true);
    expect(users.some((u) => u.state === 'SUSPENDED' && u.suspended)).toBe(true);
    expect(users.some((u) => u.state === 'STAGED' && !u.activated)).toBe(true);
    expect(users.some((u) => u.account_locked)).toBe(true);
    expect(users.some((u) => u.password_expired)).toBe(true);
    expect(users.some((u) => u.totp_enabled)).toBe(true);
    expect(users.some((u) => !u.enable_user_portal_multifactor)).toBe(true);
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    expect(org.systems.length).toBeGreaterThanOrEqual(200);
    expect(new Set(org.systems.map((s) => s.osFamily))).toEqual(
      new Set(['darwin', 'windows', 'linux']),
    );
    expect(new Set(org.systems.map((s) => `${s.os} ${s.version}`)).size).toBeGreaterThan(8);
    expect(org.admins.length).toBeGreaterThan(2);
    expect(org.applications.every((a) => (org.applicationGroups.get(a._id)?.length ?? 0) > 0)).toBe(
      true,
    );
    expect(org.commandResults.length).toBeGreaterThan(0);
    expect(org.policies.length).toBeGreaterThan(0);
    expect(org.softwareApps.length).toBeGreaterThan(0);
    // The second organization, though small, also has every state.
    const small = world.orgs.get(world.orgIds[1]!)!;
    expect(new Set(small.users.map((u) => u.state))).toEqual(
      new Set(['ACTIVATED', 'SUSPENDED', 'STAGED']),
    );
  });

  it('reports build time and size (figures, not assertions)', () => {
    buildWorld({ seed: 1, now: TEST_NOW.getTime() });
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const world = buildWorld({ seed: TEST_SEED, now: TEST_NOW.getTime() });
    const ms = performance.now() - started;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    const counts = world.orgIds.map((id) => {
      const o = world.orgs.get(id)!;
      return {
        name: o.name,
        users: o.users.length,
        devices: o.systems.length,
        events: o.events.length,
      };
    });
    console.info(
      `sandbox world built in ${ms.toFixed(0)} ms, ~${heapMb.toFixed(1)} MB heap`,
      counts,
    );
    expect(counts).toHaveLength(2);
  });
});
