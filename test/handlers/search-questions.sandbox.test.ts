/**
 * The administrators' question table against the sandbox, through the handler: for each question
 * the kinds answered, each kind's count and the whole set of ids equal what the organization's own
 * records say (search-questions.ts computes them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchApi } from '../../src/handlers/search-api.js';
import { GROUP_SIZE_CAP } from '../../src/handlers/search-lookups.js';
import { VOCAB_GROUP_PAGES, VOCAB_USER_PAGES } from '../../src/handlers/search-vocabulary.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { OrgData, Sandbox } from '../../src/sandbox/index.js';
import { sandboxDeps } from './sandbox-deps.js';
import { QUESTIONS, askAll } from './search-questions.js';

/** The most calls reading the organization's values takes: user pages, group pages, applications. */
const VOCAB_CALLS = VOCAB_USER_PAGES + 2 * VOCAB_GROUP_PAGES + 1;

let sandbox: Sandbox;
let org: OrgData;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
  org = sandbox.org(sandbox.orgIds[0] as string) as OrgData;
});
afterAll(async () => {
  await sandbox.close();
});

describe('search_api answers administrators’ questions with the sandbox’s true answers', () => {
  it('has at least 30 questions', () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(QUESTIONS.map((q) => [typeof q.ask === 'string' ? q.ask : q.ask.toString(), q] as const))(
    '%s',
    async (_name, question) => {
      const query = typeof question.ask === 'string' ? question.ask : question.ask(org);
      const now = Date.now();
      sandbox.clearRequests();
      await searchApi({ query }, sandboxDeps(sandbox));
      // A small, bounded number of upstream calls: the organization's values (read once and
      // cached), then one or two per kind; comparing group sizes counts each group's members.
      const sizes = /members|empty/.test(query) && /groups/.test(query);
      expect(sandbox.requests.length).toBeLessThanOrEqual(
        sizes ? 2 + 2 * GROUP_SIZE_CAP : VOCAB_CALLS + 5,
      );
      const got = await askAll((skip) => searchApi({ query, skip }, sandboxDeps(sandbox)));
      const want = question.want(org, now);
      expect(got.map((g) => g.kind)).toEqual(want.map((w) => w.kind));
      want.forEach((w, i) => {
        expect(got[i]?.total, `${w.kind} total`).toBe(w.ids.length);
        expect([...(got[i]?.ids ?? [])].sort(), `${w.kind} ids`).toEqual([...w.ids].sort());
      });
    },
  );
});
