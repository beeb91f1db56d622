/**
 * Safety end to end, configured as an administrator would (command-line settings through
 * `startServer`), with the sandbox's request log as the witness and the audit log file as the
 * record. Complements test/safety/e2e.test.ts (previews, replayed, foreign, expired tokens,
 * elicitation) with what it does not cover.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tools as generatedTools } from '../../generated/index.js';
import type { AuditRecord } from '../../src/safety/index.js';
import type { OrgData, Sandbox, System, SystemUser } from '../../src/sandbox/index.js';
import { mutations, startE2e, text, tokenIn } from './harness.js';
import type { E2e } from './harness.js';

const MUTATING = generatedTools.filter((t) => !t.annotations.readOnlyHint);

const orgOf = (sandbox: Sandbox) => sandbox.org(sandbox.orgIds[0] as string) as OrgData;
const supports = (command: string) => (s: System) =>
  (s.builtInCommands as { name: string }[] | undefined)?.some((c) => c.name === command) === true;
const windowsWith = (sandbox: Sandbox, command: string) =>
  orgOf(sandbox).systems.filter((s) => s.osFamily === 'windows' && supports(command)(s));
/** The device and user the server is configured to protect, by hostname and by email. */
const guardedDevice = (sandbox: Sandbox) => windowsWith(sandbox, 'restart')[0] as System;
const guardedUser = (sandbox: Sandbox) =>
  orgOf(sandbox).users.find((u) => u.state === 'ACTIVATED' && !u.suspended) as SystemUser;

let e2e: E2e;
let client: Client;
let org: OrgData;
let auditSeen = 0;

/** Audit records written since the last call of this function. */
async function newAudit(): Promise<AuditRecord[]> {
  const all = await e2e.audit();
  const fresh = all.slice(auditSeen);
  auditSeen = all.length;
  return fresh;
}

beforeAll(async () => {
  e2e = await startE2e({
    argv: (sandbox) => [
      '--exclude-tools',
      'device_shutdown',
      '--protected-devices',
      guardedDevice(sandbox).hostname,
      '--protected-users',
      guardedUser(sandbox).email.toUpperCase(),
    ],
  });
  org = orgOf(e2e.sandbox);
  client = await e2e.connect({ client: 'cursor' });
});
afterAll(() => e2e?.close());
beforeEach(async () => {
  e2e.sandbox.clearRequests();
  await newAudit();
});

/** A valid argument set for each mutating tool, on objects nobody protects. */
function validArgs(name: string): Record<string, unknown> {
  const tool = MUTATING.find((t) => t.name === name)!;
  const target =
    tool.target?.kind === 'device'
      ? (windowsWith(e2e.sandbox, 'erase')[3] as System)._id
      : (org.users[10] as SystemUser)._id;
  return name === 'device_update' ? { id: target, displayName: 'x' } : { id: target };
}

describe('the tool selection an administrator configures', () => {
  it('the deny-listed tool is neither listed nor callable, and sends nothing', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).not.toContain('device_shutdown');
    expect(tools).toHaveLength(generatedTools.length - 1);
    const out = await e2e.call(client, 'device_shutdown', validArgs('device_shutdown'));
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/disabled by this server's deny list/);
    expect(e2e.sandbox.requests).toEqual([]);
  });

  it('read-only connections refuse every mutating tool by name and send nothing', async () => {
    const readOnly = await e2e.connect({ client: 'cursor', query: { readOnly: 'true' } });
    const { tools } = await readOnly.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      generatedTools
        .filter((t) => t.annotations.readOnlyHint)
        .map((t) => t.name)
        .sort(),
    );
    expect(MUTATING.length).toBeGreaterThan(10);
    for (const tool of MUTATING) {
      const out = await e2e.call(readOnly, tool.name, validArgs(tool.name));
      expect(out.isError, tool.name).toBe(true);
      expect(text(out), tool.name).toMatch(/read-only mode|deny list/);
    }
    expect(e2e.sandbox.requests).toEqual([]);
  });

  it('read-only connections still read', async () => {
    const readOnly = await e2e.connect({ client: 'cursor', query: { readOnly: 'true' } });
    const out = await e2e.ok(readOnly, 'users_list', { limit: 1 });
    expect(out.structuredContent).toMatchObject({ totalCount: org.users.length });
  });

  it('a tool outside the connection’s ?tools= list is refused and sends nothing', async () => {
    const narrow = await e2e.connect({ client: 'cursor', query: { tools: 'users_list,user_get' } });
    const { tools } = await narrow.listTools();
    expect(tools.map((t) => t.name)).toEqual(['user_get', 'users_list']);
    const out = await e2e.call(narrow, 'user_unlock', validArgs('user_unlock'));
    expect(text(out)).toMatch(/not selected for this connection/);
    expect(e2e.sandbox.requests).toEqual([]);
  });
});

describe('guardrails', () => {
  it('the protected user (configured by email, any case) is refused for every user action', async () => {
    const user = guardedUser(e2e.sandbox);
    const userTools = MUTATING.filter((t) => t.target?.kind === 'user');
    expect(userTools.length).toBeGreaterThan(5);
    for (const tool of userTools) {
      const out = await e2e.call(client, tool.name, { id: user._id });
      expect(text(out), tool.name).toMatch(/is protected by this server's configuration/);
    }
    expect(mutations(e2e.sandbox)).toEqual([]);
    expect(org.users.find((u) => u._id === user._id)).toMatchObject({ suspended: false });
  });

  it.each([
    ['with spaces around it', (id: string) => ` ${id} `],
    ['in upper case', (id: string) => id.toUpperCase()],
  ])('the protected device cannot be reached by writing its id %s', async (_how, spell) => {
    const device = guardedDevice(e2e.sandbox);
    for (const name of ['device_restart', 'device_lock', 'device_erase', 'device_update']) {
      const args = { ...validArgs(name), id: spell(device._id) };
      const out = await e2e.call(client, name, args);
      expect(out.isError, `${name}: ${text(out)}`).toBe(true);
      if (/confirmation_token/.test(text(out))) {
        const again = await e2e.call(client, name, { ...args, confirmation_token: tokenIn(out) });
        expect(again.isError, `${name} confirmed: ${text(again)}`).toBe(true);
      }
    }
    expect(mutations(e2e.sandbox)).toEqual([]);
  });
});

describe('confirmation tokens', () => {
  it('a token is refused for the same target written differently (other arguments) and sends nothing', async () => {
    const device = windowsWith(e2e.sandbox, 'erase')[5] as System;
    const preview = await e2e.call(client, 'device_erase', { id: device._id });
    const token = tokenIn(preview);
    e2e.sandbox.clearRequests();
    const out = await e2e.call(client, 'device_erase', {
      id: ` ${device._id}`,
      confirmation_token: token,
    });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/Nothing was done/);
    expect(e2e.sandbox.requests).toEqual([]);
    // The refusal did not spend the token: the exact call still runs, once.
    await e2e.ok(client, 'device_erase', { id: device._id, confirmation_token: token });
    expect(mutations(e2e.sandbox).map((r) => r.path)).toEqual([
      `/api/systems/${device._id}/command/builtin/erase`,
    ]);
  });

  it('a token for one user is refused for another user and for another user action', async () => {
    const [a, b] = org.users.filter((u) => u.state === 'ACTIVATED' && !u.suspended).slice(5, 7);
    const token = tokenIn(await e2e.call(client, 'user_suspend', { id: a!._id }));
    e2e.sandbox.clearRequests();
    const other = await e2e.call(client, 'user_suspend', { id: b!._id, confirmation_token: token });
    expect(text(other)).toMatch(/does not match this call/);
    const tool = await e2e.call(client, 'user_resetmfa', { id: a!._id, confirmation_token: token });
    expect(text(tool)).toMatch(/issued for user_suspend, not user_resetmfa/);
    expect(mutations(e2e.sandbox)).toEqual([]);
  });
});

describe('one confirmation, at most one execution', () => {
  it('the same token sent on three connections at once executes once', async () => {
    const device = windowsWith(e2e.sandbox, 'restart')[4] as System;
    const token = tokenIn(await e2e.call(client, 'device_restart', { id: device._id }));
    const others = await Promise.all([1, 2, 3].map(() => e2e.connect({ client: 'cursor' })));
    e2e.sandbox.clearRequests();
    await newAudit();
    const results = await Promise.all(
      others.map((c) =>
        e2e.call(c, 'device_restart', { id: device._id, confirmation_token: token }),
      ),
    );
    expect(results.filter((r) => !r.isError)).toHaveLength(1);
    expect(results.filter((r) => /already used/.test(text(r)))).toHaveLength(2);
    expect(mutations(e2e.sandbox).map((r) => r.path)).toEqual([
      `/api/systems/${device._id}/command/builtin/restart`,
    ]);
    expect((await newAudit()).map((r) => r.outcome).sort()).toEqual([
      'executed',
      'refused',
      'refused',
    ]);
  });
});

describe('the audit log (file, as configured with --audit-log)', () => {
  it('one record per gate refusal, preview and execution, in order, without the key', async () => {
    const device = windowsWith(e2e.sandbox, 'lock')[6] as System;
    const preview = await e2e.call(client, 'device_lock', { id: device._id });
    await e2e.call(client, 'device_lock', { id: device._id, confirmation_token: 'forged.token' });
    await e2e.ok(client, 'device_lock', { id: device._id, confirmation_token: tokenIn(preview) });
    await e2e.call(client, 'device_restart', { id: guardedDevice(e2e.sandbox)._id });
    await e2e.ok(client, 'user_unlock', { id: (org.users[11] as SystemUser)._id });
    const records = await newAudit();
    expect(records.map((r) => [r.tool, r.outcome, r.confirmation])).toEqual([
      ['device_lock', 'previewed', 'none'],
      ['device_lock', 'refused', 'token'],
      ['device_lock', 'executed', 'token'],
      ['device_restart', 'refused', 'none'],
      ['user_unlock', 'executed', 'none'],
    ]);
    expect(records[0]?.tokenId).toBe(records[2]?.tokenId);
    expect(records[2]?.target).toEqual({ kind: 'device', id: device._id, name: device.hostname });
    expect(new Set(records.map((r) => r.requestId)).size).toBe(records.length);
    expect(JSON.stringify(records)).not.toContain(e2e.sandbox.apiKey);
  });

  it('a refused read-only call to a mutating tool leaves one audit record', async () => {
    const readOnly = await e2e.connect({ client: 'cursor', query: { readOnly: 'true' } });
    const user = org.users[12] as SystemUser;
    await e2e.call(readOnly, 'user_suspend', { id: user._id });
    expect(await newAudit()).toMatchObject([
      { tool: 'user_suspend', outcome: 'refused', target: { kind: 'user', id: user._id } },
    ]);
  });

  it('a refused call to the deny-listed tool leaves one audit record', async () => {
    const device = windowsWith(e2e.sandbox, 'shutdown')[2] as System;
    await e2e.call(client, 'device_shutdown', { id: device._id });
    expect(await newAudit()).toMatchObject([
      {
        tool: 'device_shutdown',
        outcome: 'refused',
        target: { kind: 'device', id: device._id },
      },
    ]);
  });

  // A model that tries to confirm by itself (`confirm: true`) is refused by argument validation.
  it('a mutating call refused for invalid arguments (a self-made confirm) leaves one audit record', async () => {
    const user = org.users[13] as SystemUser;
    const out = await e2e.call(client, 'user_suspend', { id: user._id, confirm: true });
    expect(text(out)).toMatch(/Invalid arguments for user_suspend/);
    expect(mutations(e2e.sandbox)).toEqual([]);
    expect(await newAudit()).toMatchObject([{ tool: 'user_suspend', outcome: 'refused' }]);
  });

  it('read-only tools leave no audit record', async () => {
    await e2e.ok(client, 'device_get', { id: (org.systems[0] as System)._id });
    expect(await newAudit()).toEqual([]);
  });
});

describe('credentials', () => {
  it('a key JumpCloud rejects is refused at connection, and not echoed in the error', async () => {
    const bogus = 'jca_NotAKeyTheSandboxKnows0123456789abcdef';
    const refused = await e2e.connect({ client: 'cursor', apiKey: bogus }).then(
      () => undefined,
      (error: Error) => error.message,
    );
    e2e.seen.push(String(refused));
    expect(refused).toMatch(/Unauthorized: JumpCloud did not accept the API key key_[0-9a-f]{12}/);
    expect(refused).not.toContain(bogus);
    expect(e2e.logs.filter((line) => line.includes(bogus))).toEqual([]);
  });
});
