/**
 * The administrators' question table through a real MCP client against the sandbox: each answer's
 * kinds, counts and whole sets of ids (read on with `skip`) equal what the organization's own
 * records say; a question search_api cannot read says what it understood and what can be asked.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgData } from '../../src/sandbox/index.js';
import { QUESTIONS, askAll } from '../handlers/search-questions.js';
import type { Answer } from '../handlers/search-questions.js';
import { data, startE2e } from './harness.js';
import type { E2e } from './harness.js';

let e2e: E2e;
let client: Client;
let org: OrgData;

beforeAll(async () => {
  e2e = await startE2e();
  org = e2e.sandbox.org(e2e.sandbox.orgIds[0] as string) as OrgData;
  client = await e2e.connect({ client: 'claude-ai' });
});
afterAll(() => e2e?.close());

interface Reply extends Answer {
  interpretation: string;
  answer: string;
  hint?: string;
}

const ask = async (query: string, skip = 0) =>
  data<Reply>(await e2e.ok(client, 'search_api', skip > 0 ? { query, skip } : { query }));

describe('search_api through an MCP client: the true answers', () => {
  it.each(QUESTIONS.map((q) => [typeof q.ask === 'string' ? q.ask : q.ask.toString(), q] as const))(
    '%s',
    async (_name, question) => {
      const query = typeof question.ask === 'string' ? question.ask : question.ask(org);
      const now = Date.now();
      const got = await askAll((skip) => ask(query, skip));
      const want = question.want(org, now);
      expect(got.map((g) => g.kind)).toEqual(want.map((w) => w.kind));
      want.forEach((w, i) => {
        expect(got[i]?.total, `${w.kind} total`).toBe(w.ids.length);
        expect([...(got[i]?.ids ?? [])].sort(), `${w.kind} ids`).toEqual([...w.ids].sort());
      });
    },
  );
});

describe('search_api says how it read a question', () => {
  it('states the count, names up to 10 with ids and says how to read on', async () => {
    const reply = await ask('which users in R&D are suspended?');
    expect(reply.interpretation).toBe('Search users (department R&D, suspended).');
    expect(reply.results[0]).toMatchObject({
      kind: 'users',
      filters: ['department:$eq:R&D', 'state:$eq:SUSPENDED'],
    });
    const wanted = org.users.filter((u) => u.department === 'R&D' && u.state === 'SUSPENDED');
    expect(reply.answer).toBe(`users (department R&D, suspended): ${wanted.length}, all listed`);
    const all = await ask('members of group Engineering');
    expect(all.results[0]?.items).toHaveLength(10);
    expect(all.results[0]?.next_skip).toBe(10);
    expect(all.answer).toMatch(/, 10 listed from 1; skip: 10 for more$/);
  });

  it('answers a question it cannot read with what it understood and what can be asked', async () => {
    const before = e2e.sandbox.requests.length;
    const none = await ask('what can you do?');
    expect(none.results).toEqual([]);
    expect(none.interpretation).toMatch(/Nothing in the question names/);
    expect(none.hint).toMatch(/Ask about users \(suspended, locked, password expired, pending/);
    expect(e2e.sandbox.requests.length).toBe(before);
    const unknown = await ask('which users are happy?');
    expect(unknown.interpretation).toBe('Search users matching "happy".');
    expect(unknown.results[0]?.total).toBe(0);
    expect(unknown.hint).toMatch(
      /"happy" is not a department, job title, employee type, group or application here/,
    );
    expect(unknown.hint).toMatch(/Departments: .*R&D/);
  });
});
