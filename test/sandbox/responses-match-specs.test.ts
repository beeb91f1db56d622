/**
 * Every operation the sandbox serves answers with the status and body shape its operation declares
 * in JumpCloud's own specs (validated with Ajv against the dereferenced response schema), and adds
 * no fields the schema does not declare.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, startTestSandbox } from './sandbox-client.js';
import { accessSpecCases } from './access-spec-cases.js';
import { SPEC_BASE, specCases, type CaseIds } from './spec-cases.js';
import { responseSchema, undeclaredFields } from './spec-schemas.js';

let sandbox: Sandbox;
const ids: CaseIds = {};

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const org = sandbox.org(sandbox.orgIds[0]!)!;
  const active = org.users.find((u) => u.state === 'ACTIVATED')!;
  const linux = org.systems.find((s) => s.osFamily === 'linux')!;
  const mdm = org.appleMdms[0]!;
  const commandWithGroups = org.commands.find(
    (c) => (org.commandTargets.get(c._id)?.systemGroups.length ?? 0) > 0,
  )!;
  Object.assign(ids, {
    user: active._id,
    staged: org.users.find((u) => u.state === 'STAGED')!._id,
    suspended: org.users.find((u) => u.state === 'SUSPENDED')!._id,
    system: linux._id,
    windows: org.systems.find((s) => s.osFamily === 'windows')!._id,
    app: org.applications[0]!._id,
    command: commandWithGroups._id,
    userGroup: org.userGroups[0]!.id,
    systemGroup: org.systemGroups[0]!.id,
    userGroupMember: org.groupMembers.get(org.userGroups[0]!.id)![0]!,
    systemGroupMember: org.groupMembers.get(org.systemGroups[0]!.id)![0]!,
    policy: org.policies[0]!.id,
    mdm: mdm.id,
    mdmDevice: org.appleMdmDevices.get(mdm.id)![0]!.id,
  });
  const app = org.applications[0]!;
  const boundSystem = org.systems.find((s) => (org.systemUserGroups.get(s._id) ?? []).length > 0)!;
  Object.assign(ids, {
    appUser: org.applicationUsers.get(app._id)![0]!,
    boundSystem: boundSystem._id,
    systemGroupGrant: org.systemUserGroups.get(boundSystem._id)![0]!,
  });
  const job = await call<{ jobId: string }>(sandbox, '/api/v2/bulk/user/unlocks', {
    body: [{ id: active._id }],
  });
  const scheduled = await call<{ scheduledJobId: string }[]>(sandbox, '/api/v2/bulk/userstates', {
    body: { user_ids: [active._id], state: 'SUSPENDED', start_date: '2099-01-01T00:00:00Z' },
  });
  Object.assign(ids, { job: job.json.jobId, scheduledJob: scheduled.json[0]!.scheduledJobId });
});

afterAll(() => sandbox.close());

describe('sandbox responses match the JumpCloud specs', () => {
  it.each([...specCases(ids), ...accessSpecCases(ids)])('%s', async (_name, c) => {
    const path = c.path();
    const noKey = path.endsWith('?nokey');
    const res = await call(sandbox, `${SPEC_BASE[c.spec]}${path.replace('?nokey', '')}`, {
      method: c.method.toUpperCase(),
      ...(c.body !== undefined ? { body: c.body } : {}),
      ...(noKey ? { key: null } : {}),
    });
    expect(res.status, res.text).toBe(c.status);
    const { schema, validate } = await responseSchema({
      spec: c.spec,
      method: c.method,
      path: c.specPath,
      status: c.status,
    });
    if (!validate) {
      // The spec declares no body for this response.
      return;
    }
    const ok = validate(res.json);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(ok).toBe(true);
    expect(undeclaredFields(schema, res.json)).toEqual([]);
  });

  it('V1 GET /users (administrators) matches the overlay that describes it', async () => {
    const overlayPath = resolve(
      import.meta.dirname,
      '..',
      '..',
      'specs',
      'overlays',
      'v1.overlay.yaml',
    );
    const res = await call<{ results: Record<string, unknown>[]; totalCount: number }>(
      sandbox,
      '/api/users?limit=100',
    );
    expect(res.status).toBe(200);
    expect(res.json.totalCount).toBe(res.json.results.length);
    const declared = existsSync(overlayPath)
      ? Object.keys(
          (
            parse(readFileSync(overlayPath, 'utf8')) as {
              actions: { update?: { administrator?: { properties: object } } }[];
            }
          ).actions.find((a) => a.update?.administrator)?.update?.administrator?.properties ?? {},
        )
      : [
          '_id',
          'email',
          'firstname',
          'lastname',
          'enableMultiFactor',
          'roleName',
          'suspended',
          'organization',
          'created',
          'lastLogin',
        ];
    for (const admin of res.json.results) {
      for (const key of Object.keys(admin)) expect(declared).toContain(key);
      expect(typeof admin._id).toBe('string');
      expect(typeof admin.email).toBe('string');
      expect(typeof admin.enableMultiFactor).toBe('boolean');
      expect(typeof admin.suspended).toBe('boolean');
      expect(typeof admin.roleName).toBe('string');
    }
  });
});
