/**
 * JumpCloud misbehaving, end to end: the sandbox injects the fault, the real server turns it into
 * a result the model can act on, sends a change at most once, and keeps serving.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultRule, OrgData, SystemUser } from '../../src/sandbox/index.js';
import { data, mutations, startE2e, text } from './harness.js';
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
  it.each<[string, Omit<FaultRule, 'path'>]>([
    ['a 503', { status: 503 }],
    ['a 502', { status: 502 }],
    ['a dropped connection', { drop: true }],
  ])('%s is retried once and the call succeeds', async (_name, fault) => {
    const path = `/api/systemusers/${user(1)._id}`;
    e2e.sandbox.faults.set({ method: 'GET', path, times: 1, ...fault });
    const out = await e2e.ok(client, 'user_get', { id: user(1)._id });
    expect(data(out)).toMatchObject({ _id: user(1)._id });
    expect(e2e.sandbox.requests.filter((r) => r.path === path)).toHaveLength(2);
    const line = e2e.logs.map((l) => JSON.parse(l)).findLast((l) => l.msg === 'tool call');
    expect(line).toMatchObject({ tool: 'user_get', outcome: 'ok', upstreamCalls: 2, retries: 1 });
  });

  it("a call's log line comes after its answer and before its HTTP request's line, with the same request id", async () => {
    const out = await e2e.ok(client, 'user_get', { id: user(3)._id });
    expect(data(out)).toMatchObject({ _id: user(3)._id });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const lines = e2e.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const call = lines.findLastIndex((l) => l.msg === 'tool call' && l.tool === 'user_get');
    const { requestId } = lines[call]!;
    expect(lines[call]).toMatchObject({ outcome: 'ok', upstreamCalls: 1 });
    expect(typeof lines[call]!.durationMs).toBe('number');
    const request = lines.findIndex((l) => l.msg === 'http request' && l.requestId === requestId);
    expect(request).toBeGreaterThan(call);
    expect(lines[request]).toMatchObject({ status: 200, rpcMethod: 'tools/call' });
  });

  it('a failure that lasts past the retries is a clear error after three requests', async () => {
    const path = `/api/systemusers/${user(1)._id}`;
    e2e.sandbox.faults.set({ method: 'GET', path, status: 503 });
    const out = await e2e.call(client, 'user_get', { id: user(1)._id });
    e2e.sandbox.faults.clear();
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/HTTP 503/);
    // The first try and at most two retries, all within the 500 ms the call may take.
    const sent = e2e.sandbox.requests.filter((r) => r.path === path).length;
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(sent).toBeLessThanOrEqual(3);
  });

  it('a 503 whose Retry-After is longer than the call may wait: one request, and when to retry', async () => {
    const path = `/api/systemusers/${user(2)._id}`;
    e2e.sandbox.faults.set({ method: 'GET', path, times: 1, status: 503, retryAfter: 30 });
    const out = await e2e.call(client, 'user_get', { id: user(2)._id });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/HTTP 503\).*Retry after 30 seconds/);
    expect(e2e.sandbox.requests.filter((r) => r.path === path)).toHaveLength(1);
  });

  it('a malformed body is not retried: one request, a clear error, and the next call works', async () => {
    const path = `/api/systemusers/${user(1)._id}`;
    e2e.sandbox.faults.set({ method: 'GET', path, times: 1, malformed: true });
    const out = await e2e.call(client, 'user_get', { id: user(1)._id });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/malformed/);
    expect(e2e.sandbox.requests.filter((r) => r.path === path)).toHaveLength(1);
    const again = await e2e.ok(client, 'user_get', { id: user(1)._id });
    expect(data(again)).toMatchObject({ _id: user(1)._id });
  });

  it('a 429 asking for more time than the call has: one request, when to retry, and the key is held back', async () => {
    // Its own key (bound to the first organization), so the hold-back does not reach other tests.
    const own = await e2e.connect({ client: 'windsurf', apiKey: e2e.sandbox.orgApiKeys[0] });
    const path = `/api/systemusers/${user(1)._id}`;
    e2e.sandbox.faults.set({ method: 'GET', path, times: 1, status: 429, retryAfter: 7 });
    const out = await e2e.call(own, 'user_get', { id: user(1)._id });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/Retry after 7 seconds/);
    expect(e2e.sandbox.requests.filter((r) => r.path === path)).toHaveLength(1);
    // The next call with that key is not sent at all within those seconds.
    const held = await e2e.call(own, 'user_get', { id: user(1)._id });
    expect(held.isError).toBe(true);
    expect(text(held)).toMatch(/holding back calls to JumpCloud.*Retry after [1-7] seconds?/);
    expect(e2e.sandbox.requests.filter((r) => r.path === path)).toHaveLength(1);
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
    ['502', { status: 502 }],
    ['a dropped connection', { drop: true }],
    ['429', { status: 429, retryAfter: 1 }],
  ])('user_unlock meeting %s is sent once, never retried', async (_name, fault) => {
    // The 429 case on a key of its own (the second organization's), which the 429 holds back.
    const small = fault.status === 429;
    const caller = small
      ? await e2e.connect({ client: 'windsurf', apiKey: e2e.sandbox.orgApiKeys[1] })
      : client;
    const target = small
      ? (e2e.sandbox.org(e2e.sandbox.orgIds[1] as string)?.users[2] as SystemUser)
      : user(2);
    const path = `/api/systemusers/${target._id}/unlock`;
    e2e.sandbox.faults.set({ method: 'POST', path, times: 1, ...fault });
    const out = await e2e.call(caller, 'user_unlock', { id: target._id });
    expect(out.isError).toBe(true);
    expect(mutations(e2e.sandbox).map((r) => r.path)).toEqual([path]);
    const line = e2e.logs.map((l) => JSON.parse(l)).findLast((l) => l.msg === 'tool call');
    expect(line).toMatchObject({ tool: 'user_unlock', outcome: 'tool-error', retries: 0 });
  });

  it('a target lookup that fails stops a destructive call before any preview', async () => {
    // Every try of the lookup fails (a read is retried).
    e2e.sandbox.faults.set({ method: 'GET', path: `/api/systemusers/${user(3)._id}`, status: 503 });
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
    expect(data(again)).toMatchObject({ _id: user(4)._id });
  });
});
