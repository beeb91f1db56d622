/** End-to-end cases of Directory Insights events and the free-text search. */
import { expect } from 'vitest';
import type { ToolCases } from './suite.js';

export const INSIGHTS_SEARCH_CASES: ToolCases = {
  di_events_get: async (t) => {
    const out = (await t.get('di_events_get', {
      service: ['directory'],
      start_time: '7d',
      limit: 5,
    })) as { count: number; events: Array<{ timestamp: string; service: string }> };
    expect(out.events).toHaveLength(5);
    expect(out.events.every((ev) => ev.service === 'directory')).toBe(true);
    const times = out.events.map((ev) => ev.timestamp);
    expect(times).toEqual([...times].sort().reverse());
  },
  search_api: async (t) => {
    const user = t.org.users[5]!;
    const out = (await t.get('search_api', { query: user.email })) as {
      mode: string;
      results: Array<{ kind: string; items?: Array<{ id: string }> }>;
    };
    expect(out.mode).toBe('search');
    const users = out.results.find((r) => r.kind === 'users');
    expect(users?.items?.map((i) => i.id)).toContain(user._id);
  },
};
