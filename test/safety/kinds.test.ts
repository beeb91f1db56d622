/**
 * The JumpCloud kinds table against the sandbox: every kind with a lookup names a real object of
 * its kind, and refuses an id that does not exist, suggesting the tool that lists that kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JUMPCLOUD_KINDS } from '../../src/jumpcloud/kinds.js';
import type { JumpCloudKind } from '../../src/jumpcloud/kinds.js';
import { resolveTarget, targetLabel } from '../../src/safety/resolve-target.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { OrgData, Sandbox } from '../../src/sandbox/index.js';
import { sandboxDeps } from '../handlers/sandbox-deps.js';

let sandbox: Sandbox;
let org: OrgData;

beforeAll(async () => {
  sandbox = await startSandbox();
  org = sandbox.org(sandbox.orgIds[0] as string) as OrgData;
});
afterAll(() => sandbox.close());

const idOf = (record: { _id?: unknown; id?: unknown }) => String(record._id ?? record.id);

const SAMPLES: Record<JumpCloudKind, (org: OrgData) => { id: string; name: string }> = {
  user: (o) => ({ id: idOf(o.users[0]!), name: o.users[0]!.username }),
  device: (o) => ({ id: idOf(o.systems[0]!), name: o.systems[0]!.hostname as string }),
  user_group: (o) => ({ id: o.userGroups[0]!.id, name: o.userGroups[0]!.name as string }),
  device_group: (o) => ({ id: o.systemGroups[0]!.id, name: o.systemGroups[0]!.name as string }),
  application: (o) => ({
    id: idOf(o.applications[0]!),
    name: o.applications[0]!.displayLabel as string,
  }),
  command: (o) => ({ id: idOf(o.commands[0]!), name: o.commands[0]!.name as string }),
  policy: (o) => ({ id: o.policies[0]!.id, name: o.policies[0]!.name }),
};

describe('JUMPCLOUD_KINDS with resolveTarget({ kinds, kind, id, api })', () => {
  it.each(Object.keys(SAMPLES) as JumpCloudKind[])(
    '%s: names a real object and refuses a missing id',
    async (kind) => {
      const { api, signal } = sandboxDeps(sandbox);
      const sample = SAMPLES[kind](org);
      const found = await resolveTarget({
        kinds: JUMPCLOUD_KINDS,
        kind,
        id: sample.id,
        api,
        signal,
      });
      expect(found).toMatchObject({ kind, id: sample.id, name: sample.name });
      expect(found.aliases).toContain(sample.name);
      expect(found.state.length).toBeGreaterThan(0);
      expect(targetLabel(JUMPCLOUD_KINDS, found)).toContain(
        `${JUMPCLOUD_KINDS[kind].noun} "${sample.name}"`,
      );
      const missing = '0123456789abcdef01234567';
      await expect(
        resolveTarget({ kinds: JUMPCLOUD_KINDS, kind, id: missing, api, signal }),
      ).rejects.toThrow(
        new RegExp(
          `No ${JUMPCLOUD_KINDS[kind].noun} with id ${missing}.*${JUMPCLOUD_KINDS[kind].lookup?.listTool}`,
        ),
      );
    },
  );
});
