import { describe, expect, it } from 'vitest';
import { data, mutations, text } from './harness.js';
import { DEVICE_CASES } from './tool-cases/devices.js';
import { describeToolCases, useToolSuite } from './tool-cases/suite.js';

const t = useToolSuite();
describeToolCases({
  t,
  title: 'device tools through a real MCP client against the sandbox',
  cases: DEVICE_CASES,
});

describe('device actions on an MDM-enrolled Mac', () => {
  const mac = () => t.pickDevice((s) => s.osFamily === 'darwin' && s.mdm !== undefined);
  const mdmPosts = () =>
    mutations(t.e2e.sandbox).filter((r) => r.path.startsWith('/api/v2/applemdms/'));

  it('device_restart goes through Apple MDM and queues a RestartDevice command', async () => {
    const device = mac();
    t.e2e.sandbox.clearRequests();
    const out = await t.e2e.confirmed(t.client, 'device_restart', { id: device._id });
    expect(data(out)).toMatchObject({ queued: true, action: 'restart' });
    expect(mdmPosts().map((r) => r.path)).toEqual([
      expect.stringMatching(/^\/api\/v2\/applemdms\/[0-9a-f]+\/devices\/[0-9a-f]+\/restart$/),
    ]);
    expect(t.org.commandResults.at(-1)).toMatchObject({
      systemId: device._id,
      command: 'RestartDevice',
    });
  });

  it('device_lock without a PIN is refused at preview, before any token, and sends nothing', async () => {
    const device = mac();
    t.e2e.sandbox.clearRequests();
    const out = await t.e2e.call(t.client, 'device_lock', { id: device._id });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/6-digit PIN.*no confirmation was issued/);
    expect(text(out)).not.toMatch(/confirmation_token/);
    expect(mutations(t.e2e.sandbox)).toEqual([]);
  });

  it('device_lock with the six-digit PIN the refusal asks for locks the Mac', async () => {
    const device = mac();
    t.e2e.sandbox.clearRequests();
    const out = await t.e2e.confirmed(t.client, 'device_lock', { id: device._id, pin: '482913' });
    expect(data(out)).toMatchObject({ queued: true, action: 'lock' });
    const posts = mdmPosts();
    expect(posts).toMatchObject([{ path: expect.stringMatching(/\/lock$/) }]);
    expect(posts[0]?.body).toEqual({ pin: '482913' });
  });
});
