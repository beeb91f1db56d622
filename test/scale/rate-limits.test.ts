/**
 * The rate budget toward JumpCloud, shared by two replicas through Redis, read from the sandbox's
 * request log (when each request arrived), never from how long the test took.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { RecordedRequest, Sandbox, SystemUser } from '../../src/sandbox/index.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix } from '../store/redis-fixture.js';
import { callTool, sample, scrape, startReplicas, text } from './replicas.js';
import type { Replicas } from './replicas.js';

const RATE = 5;
const CALLS = 30;
const prefix = testPrefix();
let sandbox: Sandbox;
let cluster: Replicas;
let users: SystemUser[];

beforeAll(async () => {
  sandbox = await startSandbox({});
  cluster = await startReplicas({
    count: 2,
    sandbox,
    store: TEST_REDIS_URL,
    prefix,
    argv: [
      ['--upstream-rate', String(RATE)],
      ['--upstream-burst', '0'],
      ['--upstream-max-wait-ms', '15000'],
      ['--upstream-timeout-ms', '20000'],
      ['--tool-calls-per-minute', '0'],
    ].flat(),
  });
  users = sandbox.org(sandbox.orgIds[0] as string)!.users;
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await sandbox?.close();
  await deleteKeys(prefix);
});

beforeEach(() => sandbox.clearRequests());

const at = (request: RecordedRequest) => Date.parse(request.time);
const userGets = () =>
  sandbox.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/systemusers/'));

/** Each organization key is a budget of its own: every test uses a fresh one. */
async function clientsFor(apiKey: string): Promise<Client[]> {
  return [await cluster.connect(0, apiKey), await cluster.connect(1, apiKey)];
}

describe('the upstream budget, shared by two replicas', () => {
  it(`${CALLS} concurrent calls across both replicas reach JumpCloud at ${RATE} per second at most`, async () => {
    const clients = await clientsFor(sandbox.orgApiKeys[0]!);
    const results = await Promise.all(
      Array.from({ length: CALLS }, (_, i) =>
        callTool(clients[i % 2]!, 'user_get', { id: users[i]!._id }),
      ),
    );
    expect(results.filter((r) => r.isError).map(text)).toEqual([]);
    const times = userGets()
      .map(at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(CALLS);
    // The budget is fixed one-second windows, the first opened by the first request. A request
    // arrives after its slot was granted (never before), so by s seconds after the first arrival
    // at most RATE x (s + 2) requests can have arrived: one window for the second under way, one
    // for how late the first request itself may have arrived. Two replicas each with a budget of
    // their own would send twice that.
    times.forEach((time, index) => {
      const seconds = Math.floor((time - times[0]!) / 1000);
      expect(index + 1, `requests within ${seconds + 1} s of the first`).toBeLessThanOrEqual(
        RATE * (seconds + 2),
      );
    });
    const windows = Math.ceil(CALLS / RATE);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual((windows - 2) * 1000);
    const waited = await Promise.all(
      cluster.replicas.map(async (replica) =>
        sample(await scrape(`${replica.origin}/metrics`), 'jumpcloud_mcp_rate_limit_wait_seconds'),
      ),
    );
    expect(waited[0]! + waited[1]!).toBeGreaterThan(0);
  }, 120_000);

  it('a 429 on one replica holds the key back on the other for Retry-After', async () => {
    const clients = await clientsFor(sandbox.orgApiKeys[1]!);
    const org = sandbox.org(sandbox.orgIds[1] as string)!;
    const [first, second] = [org.users[0]!, org.users[1]!];
    sandbox.faults.set({
      method: 'GET',
      path: `/api/systemusers/${first._id}`,
      status: 429,
      retryAfter: 2,
      times: 1,
    });
    const limitedCall = callTool(clients[0]!, 'user_get', { id: first._id });
    // Once JumpCloud has answered 429 to the first replica, the second one calls.
    await vi.waitFor(() => expect(userGets().some((r) => r.status === 429)).toBe(true), {
      timeout: 10_000,
      interval: 5,
    });
    const other = await callTool(clients[1]!, 'user_get', { id: second._id });
    expect(other.isError, text(other)).toBeFalsy();
    // The read itself is retried after the two seconds, and succeeds.
    const limited = await limitedCall;
    expect(limited.isError, text(limited)).toBeFalsy();
    const log = userGets();
    const throttled = log.find((r) => r.status === 429)!;
    const retried = log.filter((r) => r.path.endsWith(first._id) && r.status === 200);
    const fromOther = log.find((r) => r.path.endsWith(second._id))!;
    expect(retried).toHaveLength(1);
    // Neither replica sent anything with that key until the two seconds were over (the block
    // is set when the 429 arrives, a few milliseconds after the sandbox logged it).
    expect(at(retried[0]!) - at(throttled)).toBeGreaterThanOrEqual(1_900);
    expect(at(fromOther) - at(throttled)).toBeGreaterThanOrEqual(1_900);
    const [a, b] = await Promise.all(
      cluster.replicas.map(async (replica) => scrape(`${replica.origin}/metrics`)),
    );
    expect(sample(a!, 'jumpcloud_mcp_upstream_throttles_total')).toBe(1);
    expect(sample(b!, 'jumpcloud_mcp_upstream_throttles_total')).toBe(0);
    expect(
      sample(a!, 'jumpcloud_mcp_upstream_retries_total', {
        operation: 'GET /systemusers/{id}',
        reason: '429',
      }),
    ).toBe(1);
  }, 60_000);

  it('a call that would wait longer than it may is refused with when to retry, and nothing is sent', async () => {
    // A prefix of its own: its budget of one request per second is not the other replicas'.
    const ownPrefix = testPrefix();
    const short = await startReplicas({
      count: 1,
      sandbox,
      store: TEST_REDIS_URL,
      prefix: ownPrefix,
      argv: ['--upstream-rate', '1', '--upstream-burst', '0', '--upstream-max-wait-ms', '0'],
    });
    try {
      const client = await short.connect(0);
      const ok = await callTool(client, 'user_get', { id: users[0]!._id });
      expect(ok.isError, text(ok)).toBeFalsy();
      const before = userGets().length;
      const refused = await callTool(client, 'user_get', { id: users[1]!._id });
      expect(refused.isError).toBe(true);
      expect(text(refused)).toMatch(/holding back calls to JumpCloud.*Retry after 1 second\b/);
      expect(userGets()).toHaveLength(before);
      const metrics = await scrape(`${short.replicas[0]!.origin}/metrics`);
      expect(
        sample(metrics, 'jumpcloud_mcp_rate_limit_refusals_total', { scope: 'upstream' }),
      ).toBe(1);
    } finally {
      await short.close();
      await deleteKeys(ownPrefix);
    }
  });
});

describe('reads and writes after a 503 with Retry-After', () => {
  it('a read is sent again after Retry-After; a write is sent once', async () => {
    const clients = await clientsFor(sandbox.apiKey);
    const user = users[5]!;
    const path = `/api/systemusers/${user._id}`;
    sandbox.faults.set({ method: 'GET', path, status: 503, retryAfter: 1, times: 1 });
    const read = await callTool(clients[0]!, 'user_get', { id: user._id });
    expect(read.isError, text(read)).toBeFalsy();
    const gets = userGets().filter((r) => r.path === path);
    expect(gets.map((r) => r.status)).toEqual([503, 200]);
    expect(at(gets[1]!) - at(gets[0]!)).toBeGreaterThanOrEqual(950);
    const line = cluster.replicas[0]!.toolCalls().at(-1);
    expect(line).toMatchObject({ tool: 'user_get', outcome: 'ok', upstreamCalls: 2, retries: 1 });

    sandbox.faults.set({ method: 'POST', path: `${path}/unlock`, status: 503, retryAfter: 1 });
    const write = await callTool(clients[1]!, 'user_unlock', { id: user._id });
    sandbox.faults.clear();
    expect(write.isError).toBe(true);
    expect(sandbox.requests.filter((r) => r.path === `${path}/unlock`)).toHaveLength(1);
  });
});
