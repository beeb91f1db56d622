/**
 * The audit trail of calls on several objects: one record per object, each naming the tool, the
 * object and what became of it; records of refused calls stay small whatever the model sent.
 */
import { loadConfig } from '../../src/config.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JUMPCLOUD_KINDS } from '../../src/jumpcloud/kinds.js';
import type { ToolDefinition } from '../../src/registry/types.js';
import { createSafety } from '../../src/safety/index.js';
import type { AuditRecord, MultiTargetResult } from '../../src/safety/index.js';
import { depsFor, TOOLS } from './fixtures.js';
import type { TestApi } from './fixtures.js';
import { api, audit, SECRET, text, tokenIn, upstream } from './gate-harness.js';

const records = () => audit.records as unknown as AuditRecord[];

/** Unlocks each user and reports each one's outcome: a 404 fails that user only. */
const unlockEach: ToolDefinition = {
  name: 'users_unlock_each',
  description: 'Unlock several users.',
  toolset: 'users',
  annotations: {
    title: 'Unlock users',
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  inputSchema: { type: 'object' },
  input: z.object({ ids: z.array(z.string()) }),
  target: { kind: 'user', idArg: 'ids' },
  effect: { verb: 'Unlock', change: 'The users can try to sign in again.' },
  handler: async (args, deps): Promise<MultiTargetResult> => {
    const { v1 } = deps.api as TestApi;
    const outcomes: MultiTargetResult['outcomes'] = [];
    for (const id of args.ids as string[]) {
      const { response } = await v1.POST('/systemusers/{id}/unlock', {
        params: { path: { id } },
        signal: deps.signal,
      });
      outcomes.push(
        response.ok
          ? { kind: 'user', id, status: 'done' }
          : { kind: 'user', id, status: 'failed', reason: `JumpCloud answered ${response.status}` },
      );
    }
    return { outcomes };
  },
};

const safety = (options: { maxObjectsPerCall?: number; protectedUsers?: string[] } = {}) =>
  createSafety({
    config: { ...loadConfig({ env: {} }).safety, confirmationSecret: SECRET, ...options },
    tools: [...TOOLS, unlockEach],
    kinds: JUMPCLOUD_KINDS,
    auditLogger: audit.logger,
    nodeEnv: 'production',
  });

async function run(tool: ToolDefinition, args: Record<string, unknown>, s = safety()) {
  const deps = depsFor(api);
  const decision = await s.gate({ tool, args, deps });
  if (decision.action === 'respond') return decision.result;
  const result = await tool.handler(decision.args, deps);
  decision.done({ ok: true, result });
  return result;
}

describe('audit: a handler that reports each object’s outcome (MultiTargetResult)', () => {
  it('writes one record per outcome, named as looked up, with its status', async () => {
    await run(unlockEach, { ids: ['usr1', 'boss'] });
    expect(audit.records).toEqual([
      expect.objectContaining({
        tool: 'users_unlock_each',
        outcome: 'executed',
        status: 'done',
        target: { kind: 'user', id: 'usr1', name: 'jdoe', email: 'jdoe@example.com' },
        targetCount: 2,
      }),
      expect.objectContaining({
        tool: 'users_unlock_each',
        outcome: 'executed',
        status: 'done',
        target: { kind: 'user', id: 'boss', name: 'ceo', email: 'CEO@example.com' },
        targetCount: 2,
      }),
    ]);
  });

  it('a partial failure fails only the objects that failed', async () => {
    const deps = depsFor(api);
    const decision = await safety().gate({ tool: unlockEach, args: { ids: ['usr1'] }, deps });
    if (decision.action !== 'execute') throw new Error(text(decision.result));
    decision.done({
      ok: true,
      outcomes: [
        { kind: 'user', id: 'usr1', status: 'done' },
        { kind: 'user', id: 'ghost', status: 'failed', reason: 'JumpCloud answered 404' },
        { kind: 'user', id: 'late', status: 'not_sent', reason: 'the call was cancelled' },
      ],
    });
    expect(audit.records.map((r) => [r.target, r.outcome, r.status, r.reason])).toEqual([
      [
        { kind: 'user', id: 'usr1', name: 'jdoe', email: 'jdoe@example.com' },
        'executed',
        'done',
        undefined,
      ],
      [{ kind: 'user', id: 'ghost' }, 'failed', 'failed', 'JumpCloud answered 404'],
      [{ kind: 'user', id: 'late' }, 'not_sent', 'not_sent', 'the call was cancelled'],
    ]);
  });

  it('a group change: the group, and each member under the argument that listed it', async () => {
    const tool = TOOLS.find((t) => t.name === 'user_group_members_change')!;
    const s = safety();
    const args = { group_id: 'grp1', add: ['usr1'], remove: ['boss'] };
    const preview = await s.gate({ tool, args, deps: depsFor(api) });
    if (preview.action !== 'respond') throw new Error('expected a preview');
    expect(records().map((r) => [r.outcome, r.target?.id, r.target?.role])).toEqual([
      ['previewed', 'grp1', undefined],
      ['previewed', 'usr1', 'add'],
      ['previewed', 'boss', 'remove'],
    ]);
    expect(new Set(audit.records.map((r) => r.tokenId)).size).toBe(1);
    audit.records.length = 0;
    const token = tokenIn(preview.result);
    const deps = depsFor(api);
    const decision = await s.gate({ tool, args: { ...args, confirmation_token: token }, deps });
    if (decision.action !== 'execute') throw new Error(text(decision.result));
    decision.done({
      ok: true,
      result: {
        outcomes: [
          { kind: 'user', id: 'usr1', role: 'add', status: 'added' },
          { kind: 'user', id: 'boss', role: 'remove', status: 'absent' },
        ],
      },
    });
    expect(records().map((r) => [r.outcome, r.status, r.target?.name, r.target?.role])).toEqual([
      ['executed', undefined, 'Engineering', undefined],
      ['executed', 'added', 'jdoe', 'add'],
      ['executed', 'absent', 'ceo', 'remove'],
    ]);
  });
});

describe('audit: records of refused calls are bounded', () => {
  it('a refused call listing 2,000 ids writes a few small records and counts the rest', async () => {
    const ids = Array.from(
      { length: 2_000 },
      (_, i) => `0123456789abcdef0123${String(i).padStart(4, '0')}`,
    );
    const out = await run(unlockEach, { ids });
    expect(text(out as never)).toMatch(/acts on 2000 objects; at most 10/);
    expect(upstream.requests).toEqual([]);
    expect(audit.records).toHaveLength(26);
    expect(
      records()
        .slice(0, 25)
        .every((r) => r.outcome === 'refused' && r.target),
    ).toBe(true);
    expect(audit.records[25]).toMatchObject({
      outcome: 'refused',
      omittedTargets: 1_975,
      targetCount: 2_000,
    });
    expect(records()[25]?.target).toBeUndefined();
    const bytes = audit.records.reduce((n, r) => n + JSON.stringify(r).length, 0);
    console.log(
      `audit of a refused 2,000-id call: ${audit.records.length} records, ${bytes} bytes`,
    );
    expect(bytes).toBeLessThan(20_000);
  });

  it('clips a long reason and a long id, saying how much was left out', async () => {
    const s = safety();
    const ctx = depsFor(api).ctx;
    const reason = `Invalid arguments: ${'x'.repeat(5_000)}`;
    s.auditRefusal({ name: 'user_suspend', ctx, args: { id: 'y'.repeat(10_000) }, reason });
    const [record] = records();
    expect(record?.reason).toMatch(/… \(4519 more characters\)$/);
    expect(record?.target?.id).toMatch(/^y{100}… \(9900 more characters\)$/);
    expect(JSON.stringify(record).length).toBeLessThan(1_500);
  });
});
