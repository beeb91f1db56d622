/**
 * The safety properties of the generated tool surface: which tools change data, which are
 * destructive, and that each destructive tool names its target and takes a confirmation token.
 */
import { describe, expect, it } from 'vitest';
import { tools } from '../../generated/index.js';
import { CONFIRMATION_TOKEN_ARG } from '../../src/safety/index.js';

const DESTRUCTIVE = [
  'application_access_update',
  'device_access_update',
  'device_erase',
  'device_group_members_update',
  'device_lock',
  'device_restart',
  'device_shutdown',
  'user_force_password_reset',
  'user_group_members_update',
  'user_remove_mfa_requirement',
  'user_resetmfa',
  'user_suspend',
];

/** Destructive tools that change the members of a group: the group is the target, members too. */
const GROUP_MEMBERS: Record<string, { kind: string; members: string }> = {
  device_group_members_update: { kind: 'device_group', members: 'device' },
  user_group_members_update: { kind: 'user_group', members: 'user' },
};

/** Destructive tools that change who can use an application or sign in to a device. */
const ACCESS_MEMBERS = {
  add_users: 'user',
  remove_users: 'user',
  add_user_groups: 'user_group',
  remove_user_groups: 'user_group',
};
const ACCESS: Record<string, { kind: string; idArg: string }> = {
  application_access_update: { kind: 'application', idArg: 'application_id' },
  device_access_update: { kind: 'device', idArg: 'device_id' },
};

const CHANGING_NOT_DESTRUCTIVE = [
  'device_update',
  'user_add_mfa',
  'user_reactivate',
  'user_send_invitation_email',
  'user_send_reset_password_email',
  'user_unlock',
];

describe('generated tools: safety annotations', () => {
  it('marks exactly these tools destructive', () => {
    expect(tools.filter((t) => t.annotations.destructiveHint).map((t) => t.name)).toEqual(
      DESTRUCTIVE,
    );
  });

  it('marks exactly these tools as changing data without being destructive', () => {
    const names = tools
      .filter((t) => !t.annotations.readOnlyHint && !t.annotations.destructiveHint)
      .map((t) => t.name);
    expect(names).toEqual(CHANGING_NOT_DESTRUCTIVE);
  });

  it('never marks a read-only tool destructive', () => {
    expect(
      tools.filter((t) => t.annotations.readOnlyHint && t.annotations.destructiveHint),
    ).toEqual([]);
  });

  it.each(DESTRUCTIVE)(
    '%s names a user or device target (or members) and takes an optional confirmation token',
    (name) => {
      const tool = tools.find((t) => t.name === name);
      const group = GROUP_MEMBERS[name];
      if (group) {
        expect(tool?.target).toEqual({
          kind: group.kind,
          idArg: 'group_id',
          members: { add: group.members, remove: group.members },
        });
      } else if (ACCESS[name]) {
        expect(tool?.target).toMatchObject(ACCESS[name]);
        // The kinds in argument order: the order the tool sends its changes in.
        expect(tool?.target?.members).toEqual(ACCESS_MEMBERS);
        expect(Object.keys(tool?.effect?.members ?? {}).sort()).toEqual(
          Object.keys(ACCESS_MEMBERS).sort(),
        );
      } else {
        expect(tool?.target?.kind).toMatch(/^(user|device)$/);
      }
      expect(tool?.inputSchema.properties).toHaveProperty(CONFIRMATION_TOKEN_ARG);
      expect(tool?.inputSchema.required ?? []).not.toContain(CONFIRMATION_TOKEN_ARG);
      const idArg = tool?.target?.idArg ?? '';
      expect(tool?.input.safeParse({ [idArg]: 'x' }).success).toBe(true);
      expect(tool?.input.safeParse({ [idArg]: 'x', [CONFIRMATION_TOKEN_ARG]: 't' }).success).toBe(
        true,
      );
    },
  );

  it.each(CHANGING_NOT_DESTRUCTIVE)(
    '%s names its target, for guardrails and the audit trail',
    (name) => {
      expect(tools.find((t) => t.name === name)?.target).toBeDefined();
    },
  );
});
