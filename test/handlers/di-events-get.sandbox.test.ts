import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { diEventsGet } from '../../src/handlers/di-events-get.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { OrgData, Sandbox } from '../../src/sandbox/index.js';
import { ToolError } from '../../src/upstream/errors.js';
import { sandboxDeps } from './sandbox-deps.js';

let sandbox: Sandbox;
let org: OrgData;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
  org = sandbox.org(sandbox.orgIds[0] as string) as OrgData;
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.clearRequests();
});

const get = (args: Parameters<typeof diEventsGet>[0]) => diEventsGet(args, sandboxDeps(sandbox));
const sentBodies = () =>
  sandbox.requests
    .filter((r) => r.path === '/insights/directory/v1/events')
    .map((r) => r.body as Record<string, unknown>);

describe('diEventsGet(args, deps) against the sandbox', () => {
  it('turns "7d" into an RFC 3339 time and returns newest events first', async () => {
    const before = Date.now();
    const result = await get({ service: ['all'], start_time: '7d', limit: 20 });
    const sent = sentBodies()[0] as { start_time: string; sort: string; limit: number };
    expect(sent.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Math.abs(Date.parse(sent.start_time) - (before - 7 * 86_400_000))).toBeLessThan(60_000);
    expect(sent).toMatchObject({ sort: 'DESC', limit: 20 });
    expect(result.count).toBe(20);
    const times = result.events.map((e) => Date.parse(String(e.timestamp)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(times.every((t) => t >= Date.parse(sent.start_time))).toBe(true);
  });

  it('pages with the cursor from X-Search_after until the last page', async () => {
    const all = org.events.filter(
      (e) =>
        e.service === 'directory' && Date.parse(String(e.timestamp)) >= Date.now() - 3 * 86_400_000,
    );
    const seen: string[] = [];
    let cursor: unknown[] | undefined;
    for (let page = 0; page < 100; page++) {
      const result = await get({
        service: ['directory'],
        start_time: '3d',
        limit: 50,
        ...(cursor ? { search_after: cursor } : {}),
      });
      seen.push(...result.events.map((e) => String(e.id)));
      cursor = result.next_search_after;
      if (cursor === undefined) break;
    }
    expect(cursor).toBeUndefined();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(all.length);
  });

  it('sends event_type and initiator_id as search_term clauses', async () => {
    const event = org.events.find((e) => e.event_type === 'user_login_attempt') as {
      initiated_by?: { id?: string };
    };
    const initiator = String(event.initiated_by?.id);
    const result = await get({
      service: ['all'],
      start_time: '30d',
      event_type: 'user_login_attempt',
      initiator_id: initiator,
    });
    expect(sentBodies()[0]?.search_term).toEqual({
      and: [{ event_type: 'user_login_attempt' }, { 'initiated_by.id': initiator }],
    });
    expect(result.events.length).toBeGreaterThan(0);
    for (const e of result.events) {
      expect(e.event_type).toBe('user_login_attempt');
      expect((e.initiated_by as { id: string }).id).toBe(initiator);
    }
  });

  it('accepts "alert" and sends "alerts", the value the API accepts', async () => {
    await get({ service: ['alert'], start_time: '1d' });
    expect(sentBodies()[0]?.service).toEqual(['alerts']);
  });

  it('sends query as q, or as exact_match when asked', async () => {
    await get({ service: ['all'], start_time: '1d', query: 'login' });
    await get({ service: ['all'], start_time: '1d', query: 'login', exact_match: true });
    expect(sentBodies().map((b) => [b.q, b.exact_match])).toEqual([
      ['login', undefined],
      [undefined, 'login'],
    ]);
  });

  it.each([
    [{ service: ['logins'], start_time: '1d' }, /"logins" is not a Directory Insights service/],
    [{ service: ['all'], start_time: 'last week' }, /start_time "last week" is not a time/],
    [{ service: ['all'], start_time: '1d', end_time: '2d' }, /is not after start_time/],
    [{ service: ['all'], start_time: '1d', limit: 20_000 }, /limit 20000 is out of range/],
    [{ service: ['all'], start_time: '1d', exact_match: true }, /exact_match needs query/],
  ])('refuses %j without calling JumpCloud', async (args, message) => {
    await expect(get(args)).rejects.toThrow(ToolError);
    await expect(get(args)).rejects.toThrow(message);
    expect(sandbox.requests).toEqual([]);
  });
});
