/**
 * Redis stops mid-run and comes back: confirmations are refused (never accepted twice), reads are
 * served, /readyz says why it is not ready, and everything recovers on its own.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox, SystemUser } from '../../src/sandbox/index.js';
import { tokenIn } from '../safety/e2e-fixture.js';
import { testPrefix } from '../store/redis-fixture.js';
import { ownRedis } from './redis-server.js';
import type { OwnRedis } from './redis-server.js';
import { callTool, sample, scrape, startReplicas, text } from './replicas.js';
import type { Replicas } from './replicas.js';

let redis: OwnRedis;
let sandbox: Sandbox;
let cluster: Replicas;
let clients: Client[];
let users: SystemUser[];

beforeAll(async () => {
  redis = await ownRedis();
  sandbox = await startSandbox({});
  cluster = await startReplicas({ count: 2, sandbox, store: redis.url, prefix: testPrefix() });
  clients = [await cluster.connect(0), await cluster.connect(1)];
  users = sandbox.org(sandbox.orgIds[0] as string)!.users.filter((u) => !u.suspended);
}, 60_000);

afterAll(async () => {
  await cluster?.close();
  await sandbox?.close();
  await redis?.stop();
});

const readyz = async (origin: string) => {
  const response = await fetch(`${origin}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};
const suspensions = () =>
  sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/state/suspend'));

describe('the shared store goes away and comes back', () => {
  it('refuses confirmations, serves reads, reports not ready, then recovers', async () => {
    for (const replica of cluster.replicas) expect((await readyz(replica.origin)).status).toBe(200);
    const user = users[0]!;
    const preview = await callTool(clients[0]!, 'user_suspend', { id: user._id });
    const args = { id: user._id, confirmation_token: tokenIn(preview) };

    await redis.stop();

    for (const replica of cluster.replicas) {
      await vi.waitFor(
        async () => {
          const { status, body } = await readyz(replica.origin);
          expect(status).toBe(503);
          expect(body.reason).toMatch(/shared store redis:\/\/127\.0\.0\.1:\d+ is unreachable/);
        },
        { timeout: 10_000, interval: 50 },
      );
    }
    // Fail closed: on both replicas the confirmation is refused, and nothing is sent.
    for (const client of clients) {
      const refused = await callTool(client, 'user_suspend', args);
      expect(refused.isError).toBe(true);
      expect(text(refused)).toMatch(/could not check that this confirmation_token is unused/);
    }
    expect(suspensions()).toEqual([]);
    // Reads go on (the rate budget counts per replica meanwhile).
    for (const client of clients) {
      const read = await callTool(client, 'user_get', { id: users[1]!._id });
      expect(read.isError, text(read)).toBeFalsy();
    }
    const down = await scrape(`${cluster.replicas[0]!.origin}/metrics`);
    expect(sample(down, 'jumpcloud_mcp_confirmations_total', { outcome: 'unavailable' })).toBe(1);
    expect(sample(down, 'jumpcloud_mcp_store_errors_total', { operation: 'claim' })).toBe(1);
    expect(
      sample(down, 'jumpcloud_mcp_store_errors_total', { operation: 'rate_limit' }),
    ).toBeGreaterThan(0);

    await redis.start();

    for (const replica of cluster.replicas) {
      await vi.waitFor(async () => expect((await readyz(replica.origin)).status).toBe(200), {
        timeout: 15_000,
        interval: 100,
      });
    }
    // The token was never spent: it confirms once now, on either replica, and only once.
    const executed = await callTool(clients[1]!, 'user_suspend', args);
    expect(executed.isError, text(executed)).toBeFalsy();
    const replayed = await callTool(clients[0]!, 'user_suspend', args);
    expect(text(replayed)).toMatch(/already used/);
    expect(suspensions()).toHaveLength(1);
  }, 90_000);
});
