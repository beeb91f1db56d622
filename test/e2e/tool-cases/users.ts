/** End-to-end cases of the user tools: reads, writes and the destructive account actions. */
import { expect } from 'vitest';
import type { SystemUser } from '../../../src/sandbox/index.js';
import { mutations } from '../harness.js';
import type { Listed, ToolCases, ToolSuite } from './suite.js';

/** An email tool: one POST upstream, and the event JumpCloud logs for it. */
async function emailEvent(t: ToolSuite, name: string, user: SystemUser, eventType: string) {
  t.e2e.sandbox.clearRequests();
  await t.write(name, { id: user._id });
  expect(mutations(t.e2e.sandbox).map((r) => `${r.method} ${r.path}`)).toEqual([
    `POST /api/systemusers/${user._id}/reactivate`,
  ]);
  const event = t.org.events.findLast((ev) => (ev.resource as { id?: string })?.id === user._id);
  expect(event).toMatchObject({
    event_type: eventType,
    useragent: { name: 'jumpcloudmcp-cursor-bot' },
  });
}

export const USER_CASES: ToolCases = {
  user_add_mfa: async (t) => {
    const user = t.pickUser((u) => u.state === 'ACTIVATED' && !u.enable_user_portal_multifactor);
    await t.write('user_add_mfa', { id: user._id });
    expect((await t.userGet(user._id)).enable_user_portal_multifactor).toBe(true);
  },
  user_force_password_reset: async (t) => {
    const user = t.pickUser((u) => u.state === 'ACTIVATED' && !u.password_expired);
    await t.destructive('user_force_password_reset', { id: user._id });
    expect(await t.userGet(user._id)).toMatchObject({ password_expired: true });
  },
  user_get: async (t) => {
    const user = t.org.users[0]!;
    expect(await t.userGet(user._id)).toMatchObject({
      _id: user._id,
      username: user.username,
      email: user.email,
      state: user.state,
    });
  },
  user_reactivate: async (t) => {
    const user = t.pickUser((u) => u.suspended);
    expect((await t.userGet(user._id)).suspended).toBe(true);
    await t.write('user_reactivate', { id: user._id });
    expect(await t.userGet(user._id)).toMatchObject({ suspended: false, state: 'ACTIVATED' });
  },
  user_remove_mfa_requirement: async (t) => {
    const user = t.pickUser((u) => u.state === 'ACTIVATED' && u.enable_user_portal_multifactor);
    await t.destructive('user_remove_mfa_requirement', { id: user._id });
    expect((await t.userGet(user._id)).enable_user_portal_multifactor).toBe(false);
  },
  user_resetmfa: async (t) => {
    const user = t.pickUser((u) => u.state === 'ACTIVATED' && u.totp_enabled);
    await t.destructive('user_resetmfa', { id: user._id });
    expect(await t.userGet(user._id)).toMatchObject({
      totp_enabled: false,
      mfa: { configured: false },
    });
  },
  user_send_invitation_email: async (t) =>
    emailEvent(
      t,
      'user_send_invitation_email',
      t.pickUser((u) => u.state === 'STAGED'),
      'user_activation_email',
    ),
  user_send_reset_password_email: async (t) =>
    emailEvent(
      t,
      'user_send_reset_password_email',
      t.pickUser((u) => u.state === 'ACTIVATED' && !u.suspended),
      'user_password_reset_request',
    ),
  user_suspend: async (t) => {
    const user = t.pickUser((u) => u.state === 'ACTIVATED' && !u.suspended && !u.account_locked);
    expect((await t.userGet(user._id)).suspended).toBe(false);
    await t.destructive('user_suspend', { id: user._id });
    expect(await t.userGet(user._id)).toMatchObject({ suspended: true, state: 'SUSPENDED' });
  },
  user_unlock: async (t) => {
    const user = t.pickUser((u) => u.account_locked);
    expect((await t.userGet(user._id)).account_locked).toBe(true);
    await t.write('user_unlock', { id: user._id });
    expect((await t.userGet(user._id)).account_locked).toBe(false);
  },
  users_list: async (t) => {
    const out = (await t.get('users_list', { limit: 100 })) as Listed<{ _id: string }>;
    expect(out.totalCount).toBe(t.org.users.length);
    expect(out.results).toHaveLength(100);
  },
};
