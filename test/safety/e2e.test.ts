/**
 * Safety end to end: a real MCP client, the real server with the generated tools, and the sandbox
 * as JumpCloud. The sandbox's request log is the witness of what was and was not sent.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { createMemoryUsedTokenStore } from '../../src/store/memory-used-tokens.js';
import type { Sandbox, System, SystemUser } from '../../src/sandbox/index.js';
import { connect, mutations, startSafetyHost, text, tokenIn } from './e2e-fixture.js';
import type { ElicitAnswer, SafetyHost } from './e2e-fixture.js';

let sandbox: Sandbox;
let windows: System[];
let user: SystemUser;
let clock = Date.now();

beforeAll(async () => {
  sandbox = await startSandbox();
  const org = sandbox.org(sandbox.orgIds[0] as string);
  windows = (org?.systems ?? []).filter(
    (s) =>
      s.osFamily === 'windows' &&
      (s.builtInCommands as { name: string }[] | undefined)?.some((c) => c.name === 'erase'),
  );
  user = (org?.users ?? []).find((u) => u.state === 'ACTIVATED') as SystemUser;
  expect(windows.length).toBeGreaterThanOrEqual(2);
});
afterAll(() => sandbox.close());

async function call(client: Client, name: string, args: Record<string, unknown>) {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const erasePosts = () =>
  mutations(sandbox).filter((r) => r.path.endsWith('/command/builtin/erase'));

describe('destructive tools, stateless (plan, then apply)', () => {
  let host: SafetyHost;
  let msp: Client;

  beforeAll(async () => {
    host = await startSafetyHost({
      sandbox,
      safety: { now: () => clock, confirmationTtlSeconds: 60 },
    });
    msp = await connect({ url: host.url, apiKey: sandbox.apiKey });
  });
  afterAll(async () => {
    await msp.close();
    await host.close();
  });
  beforeEach(() => {
    sandbox.clearRequests();
    host.audit.length = 0;
    clock = Date.now();
  });

  async function preview(device = windows[0] as System, client = msp) {
    const result = await call(client, 'device_erase', { id: device._id });
    return { result, token: tokenIn(result) };
  }

  it('device_erase without confirmation sends nothing that changes anything and previews by name', async () => {
    const device = windows[0] as System;
    const { result } = await preview(device);
    expect(mutations(sandbox)).toEqual([]);
    expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /api/systems/${device._id}`,
    ]);
    expect(text(result)).toContain(`Erase device "${device.hostname}"`);
    expect(text(result)).toContain('Nothing has been done yet');
    expect(host.audit).toMatchObject([
      {
        tool: 'device_erase',
        outcome: 'previewed',
        target: { kind: 'device', id: device._id, name: device.hostname },
        clientName: expect.any(String),
        requestId: expect.any(String),
        principal: { kind: 'api-key', fingerprint: expect.stringMatching(/^key_/) },
      },
    ]);
  });

  it('the token executes the previewed erase exactly once; a replay is refused and changes nothing', async () => {
    const device = windows[0] as System;
    const { token } = await preview(device);
    const done = await call(msp, 'device_erase', { id: device._id, confirmation_token: token });
    expect(done.isError).toBeFalsy();
    expect(erasePosts().map((r) => r.path)).toEqual([
      `/api/systems/${device._id}/command/builtin/erase`,
    ]);
    sandbox.clearRequests();
    const replay = await call(msp, 'device_erase', { id: device._id, confirmation_token: token });
    expect(replay.isError).toBe(true);
    expect(text(replay)).toMatch(/already used/);
    // The token is claimed right before executing: a replay reads the device again, nothing more.
    expect(mutations(sandbox)).toEqual([]);
    expect(host.audit.map((r) => r.outcome)).toEqual(['previewed', 'executed', 'refused']);
  });

  it('a token for another device is refused and sends nothing', async () => {
    const { token } = await preview(windows[0]);
    sandbox.clearRequests();
    const other = windows[1] as System;
    const out = await call(msp, 'device_erase', { id: other._id, confirmation_token: token });
    expect(text(out)).toMatch(/does not match this call: it was issued for .*, not /);
    expect(sandbox.requests).toEqual([]);
  });

  it('a token for another tool is refused and sends nothing', async () => {
    const device = windows[0] as System;
    const { token } = await preview(device);
    sandbox.clearRequests();
    const out = await call(msp, 'device_restart', { id: device._id, confirmation_token: token });
    expect(text(out)).toMatch(/issued for device_erase, not device_restart/);
    expect(sandbox.requests).toEqual([]);
  });

  it('a token issued to another API key is refused and sends nothing', async () => {
    const device = windows[0] as System;
    const { token } = await preview(device);
    const orgClient = await connect({ url: host.url, apiKey: sandbox.orgApiKeys[0] as string });
    sandbox.clearRequests();
    const out = await call(orgClient, 'device_erase', {
      id: device._id,
      confirmation_token: token,
    });
    await orgClient.close();
    expect(text(out)).toMatch(/different principal/);
    expect(sandbox.requests).toEqual([]);
    expect(JSON.stringify(host.audit)).not.toContain(sandbox.apiKey);
  });

  it('a token issued for another organization is refused and sends nothing', async () => {
    const [org0, org1] = sandbox.orgIds;
    const device = windows[0] as System;
    const first = await connect({
      url: `${host.url}?organizationID=${org0}`,
      apiKey: sandbox.apiKey,
    });
    const { token } = await preview(device, first);
    await first.close();
    const second = await connect({
      url: `${host.url}?organizationID=${org1}`,
      apiKey: sandbox.apiKey,
    });
    sandbox.clearRequests();
    const out = await call(second, 'device_erase', { id: device._id, confirmation_token: token });
    await second.close();
    expect(text(out)).toMatch(/different organization/);
    expect(sandbox.requests).toEqual([]);
  });

  it('an expired token is refused and sends nothing', async () => {
    const { token } = await preview(windows[0]);
    clock += 61_000;
    sandbox.clearRequests();
    const out = await call(msp, 'device_erase', {
      id: (windows[0] as System)._id,
      confirmation_token: token,
    });
    expect(text(out)).toMatch(/expired at/);
    expect(sandbox.requests).toEqual([]);
  });

  it.each([
    ['a 503', { status: 503 }],
    ['a dropped connection', { drop: true }],
  ] as const)(
    'a confirmed erase that meets %s is sent once, not retried, and the token is spent',
    async (_name, fault) => {
      const device = windows[0] as System;
      const { token } = await preview(device);
      const faultId = sandbox.faults.set({
        method: 'POST',
        path: `/api/systems/${device._id}/command/builtin/erase`,
        ...fault,
      });
      try {
        const out = await call(msp, 'device_erase', { id: device._id, confirmation_token: token });
        expect(out.isError).toBe(true);
        expect(erasePosts()).toHaveLength(1);
        const again = await call(msp, 'device_erase', {
          id: device._id,
          confirmation_token: token,
        });
        expect(text(again)).toMatch(/already used/);
        expect(erasePosts()).toHaveLength(1);
        expect(host.audit.map((r) => r.outcome)).toEqual(['previewed', 'failed', 'refused']);
      } finally {
        sandbox.faults.clear(faultId);
      }
    },
  );

  it('user_suspend previews the user by username and email', async () => {
    const result = await call(msp, 'user_suspend', { id: user._id });
    expect(text(result)).toContain(
      `Suspend user "${user.username}" (${user.email}, id ${user._id})`,
    );
    expect(mutations(sandbox)).toEqual([]);
  });

  it('leaves one audit record per refusal, preview and execution, without the key', async () => {
    const device = windows[1] as System;
    const { token } = await preview(device);
    await call(msp, 'device_erase', { id: device._id, confirmation_token: 'forged' });
    await call(msp, 'device_erase', { id: device._id, confirmation_token: token });
    expect(host.audit.map((r) => r.outcome)).toEqual(['previewed', 'refused', 'executed']);
    expect(new Set(host.audit.map((r) => JSON.stringify(r.principal))).size).toBe(1);
    expect(JSON.stringify(host.audit)).not.toContain(sandbox.apiKey);
  });
});

describe('two servers sharing the confirmation secret and one used-token store', () => {
  it('one confirmation, sent 10 times at once to both, erases once', async () => {
    const usedTokens = createMemoryUsedTokenStore({ maxEntries: 1_000 });
    const hosts = await Promise.all(
      [1, 2].map(() => startSafetyHost({ sandbox, safety: { usedTokens } })),
    );
    const clients = await Promise.all(
      hosts.map((h) => connect({ url: h.url, apiKey: sandbox.apiKey })),
    );
    try {
      const device = windows.at(-1) as System;
      const token = tokenIn(await call(clients[0]!, 'device_erase', { id: device._id }));
      sandbox.clearRequests();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          call(clients[i % 2]!, 'device_erase', { id: device._id, confirmation_token: token }),
        ),
      );
      expect(results.filter((r) => !r.isError)).toHaveLength(1);
      expect(results.filter((r) => /already used/.test(text(r)))).toHaveLength(9);
      expect(erasePosts().map((r) => r.path)).toEqual([
        `/api/systems/${device._id}/command/builtin/erase`,
      ]);
      const outcomes = hosts.flatMap((h) => h.audit.map((r) => r.outcome));
      expect(outcomes.filter((o) => o === 'executed')).toHaveLength(1);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
      await Promise.all(hosts.map((h) => h.close()));
    }
  });
});

describe('destructive tools, stateful with elicitation', () => {
  let host: SafetyHost;

  beforeAll(async () => {
    host = await startSafetyHost({ sandbox, stateful: true });
  });
  afterAll(() => host.close());
  beforeEach(() => {
    sandbox.clearRequests();
    host.audit.length = 0;
  });

  async function withAnswer(answer: ElicitAnswer) {
    const asked: string[] = [];
    const client = await connect({
      url: host.url,
      apiKey: sandbox.apiKey,
      elicit: (request) => {
        asked.push(request.params.message);
        return answer(request);
      },
    });
    return { client, asked };
  }

  it('a declined elicitation sends nothing', async () => {
    const device = windows[0] as System;
    const { client, asked } = await withAnswer(() => ({ action: 'decline' }));
    const out = await call(client, 'device_erase', { id: device._id });
    await client.close();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(new RegExp(`^Erase device "${device.hostname}" \\(Windows`));
    expect(text(out)).toMatch(/declined.*Nothing was done/);
    expect(mutations(sandbox)).toEqual([]);
    expect(host.audit).toMatchObject([{ outcome: 'refused', confirmation: 'elicitation' }]);
  });

  it('an accepted elicitation executes once', async () => {
    const device = windows[1] as System;
    const { client } = await withAnswer(() => ({ action: 'accept', content: { confirm: true } }));
    const out = await call(client, 'device_erase', { id: device._id });
    await client.close();
    expect(out.isError).toBeFalsy();
    expect(erasePosts()).toHaveLength(1);
    expect(host.audit).toMatchObject([{ outcome: 'executed', confirmation: 'elicitation' }]);
  });
});

describe('guardrails and selection', () => {
  let host: SafetyHost;
  let client: Client;

  beforeAll(async () => {
    host = await startSafetyHost({
      sandbox,
      safety: {
        protectedDevices: [(windows[0] as System).hostname.toLowerCase()],
        deny: ['device_shutdown'],
      },
    });
    client = await connect({ url: host.url, apiKey: sandbox.apiKey });
  });
  afterAll(async () => {
    await client.close();
    await host.close();
  });
  beforeEach(() => {
    sandbox.clearRequests();
    host.audit.length = 0;
  });

  it('a protected device is refused, even for a restart', async () => {
    const device = windows[0] as System;
    const out = await call(client, 'device_restart', { id: device._id });
    expect(text(out)).toMatch(/is protected by this server's configuration/);
    expect(mutations(sandbox)).toEqual([]);
    expect(host.audit).toMatchObject([{ tool: 'device_restart', outcome: 'refused' }]);
  });

  it('a deny-listed tool is neither listed nor callable', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).not.toContain('device_shutdown');
    const out = await call(client, 'device_shutdown', { id: (windows[1] as System)._id });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/deny list/);
    expect(sandbox.requests).toEqual([]);
  });

  it('read-only mode (per connection) refuses every mutating tool even when called by name', async () => {
    const readOnly = await connect({ url: `${host.url}?readOnly=true`, apiKey: sandbox.apiKey });
    const { tools } = await readOnly.listTools();
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    for (const name of ['device_erase', 'device_update', 'user_suspend', 'user_unlock']) {
      const out = await call(readOnly, name, { id: user._id });
      expect(out.isError).toBe(true);
      expect(text(out)).toMatch(/read-only/);
    }
    await readOnly.close();
    expect(sandbox.requests).toEqual([]);
  });
});

describe('read-only server configuration', () => {
  let host: SafetyHost;

  beforeAll(async () => {
    host = await startSafetyHost({ sandbox, safety: { readOnly: true } });
  });
  afterAll(() => host.close());

  it('lists no mutating tool and refuses them all by name, sending nothing', async () => {
    const client = await connect({ url: host.url, apiKey: sandbox.apiKey });
    sandbox.clearRequests();
    const { tools } = await client.listTools();
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    const out = await call(client, 'device_erase', { id: (windows[0] as System)._id });
    await client.close();
    expect(text(out)).toMatch(/read-only mode \(JUMPCLOUD_MCP_READ_ONLY\)/);
    expect(sandbox.requests).toEqual([]);
  });
});
