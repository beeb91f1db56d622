/**
 * Two replicas sharing one Redis, a client alternating between them: a confirmation used on one is
 * refused on the other, and concurrent confirmations on both execute once.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox, SystemUser } from '../../src/sandbox/index.js';
import { tokenIn } from '../safety/e2e-fixture.js';
import { deleteKeys, keysUnder, TEST_REDIS_URL, testPrefix } from '../store/redis-fixture.js';
import { callTool, sample, scrape, startReplicas, text } from './replicas.js';
import type { Replicas } from './replicas.js';

const TRIES = 100;
const CONCURRENT = 10;
const prefix = testPrefix();
let sandbox: Sandbox;
let cluster: Replicas;
let clients: Client[];
let users: SystemUser[];

beforeAll(async () => {
  sandbox = await startSandbox({});
  cluster = await startReplicas({
    count: 2,
    sandbox,
    store: TEST_REDIS_URL,
    prefix,
    // This suite is about single use, not about budgets.
    argv: ['--upstream-rate', '0', '--tool-calls-per-minute', '0'],
  });
  clients = [await cluster.connect(0), await cluster.connect(1)];
  const org = sandbox.org(sandbox.orgIds[0] as string)!;
  users = org.users.filter((user) => !user.suspended).slice(0, TRIES);
  expect(users).toHaveLength(TRIES);
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await sandbox?.close();
  await deleteKeys(prefix);
});

const suspensions = (user: SystemUser) =>
  sandbox.requests.filter(
    (r) => r.method === 'POST' && r.path === `/api/systemusers/${user._id}/state/suspend`,
  ).length;

describe('a confirmation token across two replicas sharing Redis', () => {
  it(`${TRIES} tries (${CONCURRENT} of them concurrent on both replicas): each executes once`, async () => {
    let executed = 0;
    let refused = 0;
    for (let i = 0; i < TRIES; i += 1) {
      const user = users[i]!;
      const [first, second] = i % 2 === 0 ? clients : [clients[1]!, clients[0]!];
      const preview = await callTool(first!, 'user_suspend', { id: user._id });
      const args = { id: user._id, confirmation_token: tokenIn(preview) };
      const results =
        i < CONCURRENT
          ? await Promise.all([
              callTool(first!, 'user_suspend', args),
              callTool(second!, 'user_suspend', args),
            ])
          : [
              await callTool(second!, 'user_suspend', args),
              await callTool(first!, 'user_suspend', args),
            ];
      const ok = results.filter((r) => !r.isError);
      executed += ok.length;
      for (const result of results.filter((r) => r.isError)) {
        expect(text(result)).toMatch(/already used/);
        refused += 1;
      }
      expect(ok, `try ${i}: exactly one of the two confirmations executes`).toHaveLength(1);
      expect(suspensions(user), `try ${i}: one suspension reached JumpCloud`).toBe(1);
    }
    expect({ executed, refused }).toEqual({ executed: TRIES, refused: TRIES });

    // Both replicas counted their share, and the used tokens live under the prefix only.
    const [a, b] = await Promise.all(
      cluster.replicas.map((replica) => scrape(`${replica.origin}/metrics`)),
    );
    const count = (outcome: string) =>
      sample(a!, 'jumpcloud_mcp_confirmations_total', { outcome }) +
      sample(b!, 'jumpcloud_mcp_confirmations_total', { outcome });
    expect({ accepted: count('accepted'), replayed: count('replayed') }).toEqual({
      accepted: TRIES,
      replayed: TRIES,
    });
    expect((await keysUnder(`${prefix}used:`)).length).toBe(TRIES);
  }, 180_000);
});
