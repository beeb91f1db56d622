/**
 * JumpCloud misbehaving, end to end: the sandbox injects the fault, the real server turns it into
 * a result the model can act on, sends a change at most once, and keeps serving.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultRule, OrgData, SystemUser } from '../../src/sandbox/index.js';
import { mutations, startE2e, text } from './harness.js';
import type { E2e } from './harness.js';
import { CONFIRMATION_TOKEN_ARG } from '../../src/safety/index.js';

let e2e: E2e;
let client: Client;
let org: OrgData;

beforeAll(async () => {
  e2e = await startE2e({ argv: () => ['--upstream-timeout-ms', '500'] });
  org = e2e.sandbox.org(e2e.sandbox.orgIds[0] as string) as OrgData;
  client = await e2e.connect({ client: 'windsurf' });
});
afterAll(() => e2e?.close());
beforeEach(() => e2e.sandbox.clearRequests());
afterEach(() => e2e.sandbox.faults.clear());

const user = (index: number) => org.users[index] as SystemUser;

describe('faults on a read', () => {
  it.each<[string, Omit<FaultRule, 'path'>, RegExp]>([
    ['429 with Retry-After', { status: 429, retryAfter: 7 }, /Retry after 7 seconds/],
    ['503', { status: 503 }, /HTTP 503/],
    ['503 with Retry-After', { status: 503, retryAfter: 30 }, /HTTP 503\).*Retry after 30 seconds/],
    ['a dropped connection', { drop: true }, /connection failed or was dropped/],
    ['a malformed body', { malformed: true }, /malformed/],
  ])('%s: one request, a clear error, and the next call works', async (_name, fault, message) => {
    const path = `/api/systemusers/${user(1)._id}`;
    e2e.sandbox.faults.set({ method: 'GET', path, times: 1, ...fault });
    const out = await e2e.call(client, 'user_get', { id: user(1)._id });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(message);
    expect(e2e.sandbox.requests.filter((r) => r.path === path)).toHaveLength(1);
    const again = await e2e.ok(client, 'user_get', { id: user(1)._id });
    expect(again.structuredContent).toMatchObject({ _id: user(1)._id });
  });

  it('an upstream error body is not echoed raw to the model', async () => {
    e2e.sandbox.faults.set({
      method: 'POST',
      path: '/api/search/systemusers',
      status: 500,
      body: { message: '<html>stack trace at db.query(secret-host:5432)</html>' },
      times: 1,
    });
    const out = await e2e.call(client, 'users_list', { limit: 1 });
    expect(out.isError).toBe(true);
    expect(text(out)).not.toMatch(/secret-host|stack trace|<html>/);
  });
});

describe('faults on a change', () => {
  it.each<[string, Omit<FaultRule, 'path'>]>([
    ['503', { status: 503 }],
    ['a dropped connection', { drop: true }],
    ['429', { status: 429, retryAfter: 1 }],
  ])('user_unlock meeting %s is sent once, never retried', async (_name, fault) => {
    const path = `/api/systemusers/${user(2)._id}/unlock`;
    e2e.sandbox.faults.set({ method: 'POST', path, times: 1, ...fault });
    const out = await e2e.call(client, 'user_unlock', { id: user(2)._id });
    expect(out.isError).toBe(true);
    expect(mutations(e2e.sandbox).map((r) => r.path)).toEqual([path]);
  });

  it('a target lookup that fails stops a destructive call before any preview', async () => {
    e2e.sandbox.faults.set({
      method: 'GET',
      path: `/api/systemusers/${user(3)._id}`,
      status: 503,
      times: 1,
    });
    const out = await e2e.call(client, 'user_suspend', { id: user(3)._id });
    expect(out.isError).toBe(true);
    expect(text(out)).not.toContain(CONFIRMATION_TOKEN_ARG);
    expect(text(out)).toMatch(/could not be looked up/);
    expect(mutations(e2e.sandbox)).toEqual([]);
  });
});

describe('a slow JumpCloud', () => {
  // The sandbox logs a request when it answers, after the delay: no request-count check here.
  it('a read slower than the upstream timeout is abandoned with a clear error; the server keeps serving', async () => {
    const path = `/api/systemusers/${user(4)._id}`;
    e2e.sandbox.faults.set({ method: 'GET', path, times: 1, latencyMs: 1500 });
    const out = await e2e.call(client, 'user_get', { id: user(4)._id });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/did not answer within/);
    const again = await e2e.ok(client, 'user_get', { id: user(4)._id });
    expect(again.structuredContent).toMatchObject({ _id: user(4)._id });
  });
});
