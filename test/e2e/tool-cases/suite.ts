/**
 * The shared part of the per-tool end-to-end cases: one real server against a fresh sandbox per
 * test file, one MCP client, helpers that pick unused sandbox objects and call tools the way a
 * model would, and the audit records each call must leave. A case is keyed by tool name and
 * asserts the tool's effect in the sandbox's state or request log; `tools.test.ts` checks that
 * every listed tool has exactly one case across the areas.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgData, System, SystemUser } from '../../../src/sandbox/index.js';
import { data, GENERATED_TOOLS, mutations, startE2e, text, withToken } from '../harness.js';
import type { E2e } from '../harness.js';

export type Listed<T> = { results: T[]; totalCount?: number };

export interface ToolSuite {
  e2e: E2e;
  client: Client;
  /** The organization the client acts on. */
  org: OrgData;
  /** A user this server protects by username; no tool may change it (group membership included). */
  guarded: SystemUser;
  /** What the audit log must hold at the end, in order: one record per preview and execution. */
  expectedAudit: Array<{ tool: string; outcome: string }>;
  /** A user no earlier case has used, matching `test`. */
  pickUser(test: (u: SystemUser) => boolean): SystemUser;
  /** A device no earlier case has used, matching `test`. */
  pickDevice(test: (s: System) => boolean): System;
  /** A successful call's structured content. */
  get(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>>;
  userGet(id: string): Promise<SystemUser>;
  /** A write tool: executes at once, one audit record. */
  write(name: string, args: Record<string, unknown>): Promise<void>;
  /** A destructive tool: preview and token, then execution; two audit records. */
  destructive(name: string, args: Record<string, unknown>): ReturnType<E2e['confirmed']>;
  /** A refused call: a clear reason, nothing sent upstream, one audit record. */
  refused(name: string, args: Record<string, unknown>, reason: RegExp): Promise<void>;
  /** Preview naming the group and every member, nothing sent; then the confirmed call. */
  previewThenApply(call: {
    name: string;
    args: Record<string, unknown>;
    names: string[];
  }): Promise<{ summary: Record<string, number>; results: Array<Record<string, unknown>> }>;
  /** Member ids through the membership tool (all pages). */
  membersOf(tool: string, groupId: string): Promise<string[]>;
}

/** One tool's end-to-end case. */
export type ToolCase = (t: ToolSuite) => Promise<void>;
export type ToolCases = Record<string, ToolCase>;

export const ids = (items: Array<{ id?: string; _id?: string }>) =>
  items.map((item) => String(item.id ?? item._id)).sort();

const supports = (command: string) => (s: System) =>
  (s.builtInCommands as { name: string }[] | undefined)?.some((c) => c.name === command) === true;
export const windowsFor = (command: string) => (s: System) =>
  s.osFamily === 'windows' && supports(command)(s);
export const linuxFor = (command: string) => (s: System) =>
  s.osFamily === 'linux' && supports(command)(s);

/**
 * Starts the server and client for this test file (beforeAll/afterAll at the file's top level) and
 * returns the suite, whose fields are set once beforeAll has run.
 */
export function useToolSuite(): ToolSuite {
  const used = new Set<string>();
  const t = { expectedAudit: [] } as unknown as ToolSuite;

  beforeAll(async () => {
    t.e2e = await startE2e({
      argv: (sandbox) => {
        const users = (sandbox.org(sandbox.orgIds[0] as string) as OrgData).users;
        t.guarded = users.findLast((u) => u.state === 'ACTIVATED') as SystemUser;
        return ['--protected-users', t.guarded.username];
      },
    });
    t.org = t.e2e.sandbox.org(t.e2e.sandbox.orgIds[0] as string) as OrgData;
    used.add(t.guarded._id);
    t.client = await t.e2e.connect({ client: 'cursor' });
  });
  afterAll(() => t.e2e?.close());

  const pick = <T extends { _id: string }>(
    items: T[],
    test: (item: T) => boolean,
    what: string,
  ) => {
    const item = items.find((candidate) => !used.has(candidate._id) && test(candidate));
    if (!item) throw new Error(`the sandbox has no ${what} for this case`);
    used.add(item._id);
    return item;
  };

  Object.assign(t, {
    pickUser: (test) => pick(t.org.users, test, 'user'),
    pickDevice: (test) => pick(t.org.systems, test, 'device'),
    get: async (name, args) => data(await t.e2e.ok(t.client, name, args)),
    userGet: async (id) => (await t.get('user_get', { id })) as unknown as SystemUser,
    write: async (name, args) => {
      await t.e2e.ok(t.client, name, args);
      t.expectedAudit.push({ tool: name, outcome: 'executed' });
    },
    destructive: async (name, args) => {
      const result = await t.e2e.confirmed(t.client, name, args);
      t.expectedAudit.push(
        { tool: name, outcome: 'previewed' },
        { tool: name, outcome: 'executed' },
      );
      return result;
    },
    refused: async (name, args, reason) => {
      const before = mutations(t.e2e.sandbox).length;
      const out = await t.e2e.call(t.client, name, args);
      expect(out.isError).toBe(true);
      expect(text(out)).toMatch(reason);
      expect(text(out)).toMatch(/Nothing was (done|changed|sent)/);
      expect(mutations(t.e2e.sandbox).length).toBe(before);
      t.expectedAudit.push({ tool: name, outcome: 'refused' });
    },
    previewThenApply: async ({ name, args, names }) => {
      const before = mutations(t.e2e.sandbox).length;
      const preview = await t.e2e.call(t.client, name, args);
      expect(text(preview)).toMatch(/^Confirmation required\. Nothing has been done yet\./);
      for (const label of names) expect(text(preview)).toContain(`"${label}"`);
      expect(mutations(t.e2e.sandbox).length).toBe(before);
      const done = await t.e2e.ok(t.client, name, withToken(args, preview));
      t.expectedAudit.push(
        { tool: name, outcome: 'previewed' },
        { tool: name, outcome: 'executed' },
      );
      return data(done);
    },
    membersOf: async (tool, groupId) => {
      const collected: string[] = [];
      for (let skip = 0; ; skip += 100) {
        const page = (await t.get(tool, { group_id: groupId, limit: 100, skip })) as Listed<{
          id: string;
        }>;
        collected.push(...ids(page.results));
        if (page.results.length < 100) return collected.sort();
      }
    },
  } satisfies Partial<ToolSuite>);
  return t;
}

/**
 * One test per case, in name order, then what every call of the file must have left: upstream
 * calls made as the client's bot, and audit records per preview and execution, one per object.
 */
export function describeToolCases({
  t,
  title,
  cases,
}: {
  t: ToolSuite;
  title: string;
  cases: ToolCases;
}) {
  describe(title, () => {
    it.each(Object.keys(cases).sort())('%s', async (name) => {
      await (cases[name] as ToolCase)(t);
    });

    it('sent every tool call upstream as jumpcloudmcp-cursor-bot, the access check as jumpcloudmcp-check-bot', () => {
      const agents = new Map<string, Set<unknown>>();
      for (const r of t.e2e.sandbox.requests) {
        const call = `${r.method} ${r.path}?${new URLSearchParams(r.query as Record<string, string>)}`;
        const sender = call === 'GET /api/systemusers?limit=1&fields=_id' ? 'check' : 'tools';
        agents.set(sender, (agents.get(sender) ?? new Set()).add(r.headers['user-agent']));
      }
      expect(agents.get('tools')).toEqual(new Set(['jumpcloudmcp-cursor-bot']));
      for (const agent of agents.get('check') ?? []) expect(agent).toBe('jumpcloudmcp-check-bot');
    });

    it('left audit records per preview and per execution, one per object, naming it', async () => {
      const audit = await t.e2e.audit();
      // The records of one call share its request id.
      const calls = [...new Map(audit.map((r) => [r.requestId, r])).values()];
      expect(calls.map((r) => ({ tool: r.tool, outcome: r.outcome }))).toEqual(t.expectedAudit);
      for (const record of audit) {
        expect(record).toMatchObject({
          event: 'tool_call',
          clientName: 'cursor',
          principal: {
            kind: 'api-key',
            fingerprint: expect.stringMatching(/^key_[0-9a-f]{12}$/),
            displayName: expect.stringMatching(/^API key key_[0-9a-f]{12}$/),
          },
        });
        expect(record.target).toBeDefined();
        // Tools with members (group members, access) name the target and every member; others
        // one object.
        const ofCall = audit.filter((r) => r.requestId === record.requestId);
        const members = GENERATED_TOOLS.find((tool) => tool.name === record.tool)?.target?.members;
        if (!members) expect(ofCall).toHaveLength(1);
        else expect(ofCall.length).toBe(record.targetCount);
        if (record.outcome === 'refused') continue;
        expect(record.target?.name, JSON.stringify(record)).toBeTruthy();
      }
    });
  });
}
