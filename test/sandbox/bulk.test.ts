/** V2 bulk user jobs: expire, unlock, their results, and scheduled state changes. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DiEvent, OrgData, Sandbox } from '../../src/sandbox/index.js';
import { call, startTestSandbox } from './sandbox-client.js';

let sandbox: Sandbox;
let org: OrgData;
const UNKNOWN = '0123456789abcdef01234567';

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
beforeEach(() => {
  sandbox.reset();
  org = sandbox.org(sandbox.orgIds[0]!)!;
});
afterAll(() => sandbox.close());

const v2 = <T>(path: string, options: { method?: string; body?: unknown } = {}) =>
  call<T>(sandbox, `/api/v2${path}`, options);

async function eventsAbout(userId: string): Promise<DiEvent[]> {
  const res = await call<DiEvent[]>(sandbox, '/insights/directory/v1/events', {
    body: {
      service: ['directory'],
      start_time: new Date(Date.now() - 3_600_000).toISOString(),
      search_term: { and: [{ 'resource.id': userId }] },
    },
  });
  return res.json;
}

type WorkResult = { status: string; statusMsg: string; meta: { systemUserId: string } };

describe('POST /bulk/user/unlocks and /expires', () => {
  it('unlocks every listed user, reports an unknown one as failed, writes one event per change', async () => {
    const locked = org.users.filter((u) => u.state === 'ACTIVATED').slice(0, 2);
    for (const u of locked) Object.assign(u, { account_locked: true });
    const res = await v2<{ jobId: string }>('/bulk/user/unlocks', {
      body: [...locked.map((u) => ({ id: u._id })), { id: UNKNOWN }],
    });
    expect(res.status).toBe(201);
    expect(res.json.jobId).toMatch(/^[0-9a-f]{24}$/);
    for (const u of locked) expect(u.account_locked).toBe(false);
    const results = await v2<WorkResult[]>(`/bulk/users/${res.json.jobId}/results`);
    expect(results.json.map((r) => [r.meta.systemUserId, r.status])).toEqual([
      ...locked.map((u) => [u._id, 'finished']),
      [UNKNOWN, 'failed'],
    ]);
    expect(results.json[2]!.statusMsg).toMatch(/not found/);
    expect((await eventsAbout(locked[0]!._id)).map((e) => e.event_type)).toEqual(['user_unlocked']);
  });

  it('expires passwords', async () => {
    const user = org.users.find((u) => !u.password_expired)!;
    const res = await v2<{ jobId: string }>('/bulk/user/expires', { body: [{ id: user._id }] });
    expect(res.status).toBe(201);
    expect(user.password_expired).toBe(true);
  });

  it.each([
    ['an object', { id: UNKNOWN }],
    ['an empty list', []],
    ['an item without id', [{ user: UNKNOWN }]],
    ['too many users', Array.from({ length: 101 }, () => ({ id: UNKNOWN }))],
  ])('%s is 400 and starts no job', async (_name, body) => {
    expect((await v2('/bulk/user/unlocks', { body })).status).toBe(400);
    expect(org.bulkJobs.size).toBe(0);
  });

  it('results of an unknown job are 404', async () => {
    expect((await v2(`/bulk/users/${UNKNOWN}/results`)).status).toBe(404);
  });
});

describe('POST /bulk/userstates', () => {
  it('schedules, lists, answers eventlist/next, and cancels a future change', async () => {
    const [a, b] = org.users.filter((u) => u.state === 'ACTIVATED');
    const res = await v2<{ scheduledJobId: string; systemUserId: string; state: string }[]>(
      '/bulk/userstates',
      {
        body: {
          user_ids: [a!._id, b!._id],
          state: 'SUSPENDED',
          start_date: '2099-01-01T00:00:00Z',
        },
      },
    );
    expect(res.status).toBe(201);
    expect(res.json.map((r) => r.systemUserId)).toEqual([a!._id, b!._id]);
    const jobId = res.json[0]!.scheduledJobId;
    expect(res.json[1]!.scheduledJobId).toBe(jobId);
    expect(a!.state).toBe('ACTIVATED');
    const listed = await v2<unknown[]>(`/bulk/userstates?userid=${a!._id}`);
    expect(listed.json).toHaveLength(1);
    const next = await v2<{ events_count: number; results: unknown[] }>(
      `/bulk/userstates/eventlist/next?users=${a!._id},${b!._id}`,
    );
    expect(next.json.events_count).toBe(2);
    expect((await v2(`/bulk/userstates/${jobId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await v2<unknown[]>('/bulk/userstates')).json).toEqual([]);
    expect((await v2(`/bulk/userstates/${jobId}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('a change whose date has come runs on the next request and writes its event', async () => {
    const user = org.users.find((u) => u.state === 'ACTIVATED')!;
    const res = await v2('/bulk/userstates', {
      body: {
        user_ids: [user._id],
        state: 'SUSPENDED',
        start_date: new Date(Date.now() - 1000).toISOString(),
      },
    });
    expect(res.status).toBe(201);
    await v2('/usergroups?limit=1');
    expect(user).toMatchObject({ state: 'SUSPENDED', suspended: true });
    expect(org.scheduledStates).toEqual([]);
    const events = await eventsAbout(user._id);
    expect(events.map((e) => e.event_type)).toEqual(['user_suspended']);
    expect(events[0]).toMatchObject({ initiated_by: { type: 'admin' } });
  });

  it.each([
    ['no user_ids', { state: 'SUSPENDED', start_date: '2099-01-01T00:00:00Z' }],
    ['a bad state', { user_ids: ['x'], state: 'DELETED', start_date: '2099-01-01T00:00:00Z' }],
    ['a bad date', { user_ids: [UNKNOWN], state: 'SUSPENDED', start_date: 'tomorrow' }],
    [
      'an unknown user',
      { user_ids: [UNKNOWN], state: 'SUSPENDED', start_date: '2099-01-01T00:00:00Z' },
    ],
    [
      'emails on a suspension',
      {
        user_ids: [UNKNOWN],
        state: 'SUSPENDED',
        start_date: '2099-01-01T00:00:00Z',
        send_activation_emails: true,
      },
    ],
  ])('%s is 400 and schedules nothing', async (_name, body) => {
    expect((await v2('/bulk/userstates', { body })).status).toBe(400);
    expect(org.scheduledStates).toEqual([]);
  });

  it('eventlist/next needs users', async () => {
    expect((await v2('/bulk/userstates/eventlist/next')).status).toBe(400);
  });
});
