/**
 * The result budget on real pages: a 10,000-event di_events_get stops at a whole event within the
 * budget and its cursor continues right after the last event shown; a V1 list stops at a whole
 * row and says which `skip` gets the rest.
 */
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools } from '../../generated/index.js';
import { diEventsGet } from '../../src/handlers/di-events-get.js';
import { budgetShare } from '../../src/mcp/result-budget.js';
import type { ResultOptions } from '../../src/mcp/result-budget.js';
import { successResult } from '../../src/mcp/tool-result.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { sandboxDeps } from '../handlers/sandbox-deps.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
});
afterAll(() => sandbox.close());

const OPTIONS: ResultOptions = { format: 'compact', budgetTokens: 12_000, outputSchemas: false };
const byName = (name: string) => tools.find((t) => t.name === name)!;
const textOf = (result: ReturnType<typeof successResult>) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

function budgetDeps() {
  return {
    ...sandboxDeps(sandbox),
    resultShare: (data: unknown) => budgetShare({ data, options: OPTIONS }),
  };
}

describe('the result budget', () => {
  it('cuts a 10,000-event di_events_get at a whole event, with a cursor that continues after it', async () => {
    const args = { service: ['all'], start_time: '30d', limit: 10_000 };
    const page = await diEventsGet(args, budgetDeps());
    const shown = page.count;
    expect(shown).toBeGreaterThan(20);
    expect(shown).toBeLessThan(10_000);
    expect(page.events).toHaveLength(shown);
    expect(page.note).toMatch(
      /Stopped at the result budget; pass next_search_after as search_after/,
    );
    const result = successResult({
      data: page,
      tool: byName('di_events_get'),
      args,
      options: OPTIONS,
    });
    // Nothing more was cut on the way out: one text block, within the budget in real tokens.
    expect(result.content).toHaveLength(1);
    expect(encode(textOf(result)).length).toBeLessThanOrEqual(OPTIONS.budgetTokens);
    expect(textOf(result)).toContain(`events (${shown} rows):`);

    // The same events without a budget, and the page the cursor returns, line up exactly.
    const reference = await diEventsGet({ ...args, limit: shown + 50 }, sandboxDeps(sandbox));
    const next = await diEventsGet(
      { ...args, limit: 50, search_after: page.next_search_after },
      sandboxDeps(sandbox),
    );
    expect(page.events.map((e) => e.id)).toEqual(reference.events.slice(0, shown).map((e) => e.id));
    expect(next.events.map((e) => e.id)).toEqual(reference.events.slice(shown).map((e) => e.id));
  });

  it('cuts a V1 list at a whole row and names the skip for the rest', async () => {
    const tool = byName('users_list');
    const data = await tool.handler(
      tool.input.parse({ limit: 100, skip: 10 }),
      sandboxDeps(sandbox),
    );
    const options: ResultOptions = { ...OPTIONS, budgetTokens: 2_000 };
    const result = successResult({ data, tool, args: { limit: 100, skip: 10 }, options });
    const [table, note] = result.content.map((c) => (c.type === 'text' ? c.text : ''));
    const rows = Number(/results \((\d+) rows\)/.exec(table!)![1]);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(100);
    expect(encode(table!).length).toBeLessThanOrEqual(2_000);
    expect(note).toBe(
      `Stopped after ${rows} of 100 results at the result budget (2000 tokens). For the rest, call users_list again with the same arguments and "skip": ${10 + rows}.`,
    );
    // The skip it names starts at the first row left out.
    const rest = (await tool.handler(
      tool.input.parse({ limit: 1, skip: 10 + rows }),
      sandboxDeps(sandbox),
    )) as { results: { _id: string }[] };
    const all = (data as { results: { _id: string }[] }).results;
    expect(rest.results[0]!._id).toBe(all[rows]!._id);
  });

  it('sends structuredContent only when the tool lists an output schema', async () => {
    const tool = byName('users_list');
    const data = await tool.handler(tool.input.parse({ limit: 2 }), sandboxDeps(sandbox));
    expect(
      successResult({ data, tool, args: {}, options: OPTIONS }).structuredContent,
    ).toBeUndefined();
    const listed = successResult({
      data,
      tool,
      args: {},
      options: { ...OPTIONS, outputSchemas: true },
    });
    expect(listed.structuredContent).toMatchObject({ totalCount: expect.any(Number) });
  });
});
