/**
 * Stateful sessions end to end: the client names itself only in its initialize clientInfo (no
 * User-Agent of its own), destructive tools are confirmed by the human through elicitation, and
 * JumpCloud sees the client's name in the user agent of every call.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgData, System } from '../../src/sandbox/index.js';
import { data, mutations, startE2e, text } from './harness.js';
import type { E2e } from './harness.js';

let e2e: E2e;
let client: Client;
let org: OrgData;
const asked: string[] = [];

beforeAll(async () => {
  e2e = await startE2e({ argv: () => ['--stateful'] });
  org = e2e.sandbox.org(e2e.sandbox.orgIds[0] as string) as OrgData;
  client = await e2e.connect({
    client: 'claude-code',
    userAgent: false,
    elicit: (message) => {
      asked.push(message);
      return { action: 'accept', content: { confirm: true } };
    },
  });
});
afterAll(() => e2e?.close());

describe('a stateful session confirmed by elicitation', () => {
  it('user_suspend asks once, naming the user, then user_get shows the user suspended', async () => {
    const user = org.users.find((u) => u.state === 'ACTIVATED' && !u.suspended)!;
    asked.length = 0;
    const out = await e2e.ok(client, 'user_suspend', { id: user._id });
    expect(text(out)).toBe(
      `User ${user.username}, id ${user._id} is suspended (state SUSPENDED). They cannot sign in to the User Portal, their devices or applications until reactivated with user_reactivate.`,
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain(user.username);
    expect(asked[0]).toContain(user.email);
    const seen = data(await e2e.ok(client, 'user_get', { id: user._id }));
    expect(seen).toMatchObject({ suspended: true, state: 'SUSPENDED' });
  });

  it('device_lock queues a command result and a Directory Insights event by jumpcloudmcp-claude-bot', async () => {
    const device = org.systems.find(
      (s) =>
        s.osFamily === 'windows' &&
        (s.builtInCommands as { name: string }[] | undefined)?.some((c) => c.name === 'lock'),
    ) as System;
    e2e.sandbox.clearRequests();
    await e2e.ok(client, 'device_lock', { id: device._id });
    expect(mutations(e2e.sandbox).map((r) => r.path)).toEqual([
      `/api/systems/${device._id}/command/builtin/lock`,
    ]);
    const first = data<{ totalCount: number }>(
      await e2e.ok(client, 'commandresults_list', { limit: 1 }),
    );
    const last = data<{ results: Array<{ systemId: string; command: string }> }>(
      await e2e.ok(client, 'commandresults_list', { limit: 1, skip: first.totalCount - 1 }),
    );
    expect(last.results).toMatchObject([{ systemId: device._id, command: 'builtin:lock' }]);
    const events = data<{ events: Array<Record<string, unknown>> }>(
      await e2e.ok(client, 'di_events_get', {
        service: ['directory'],
        start_time: '1h',
        event_type: 'command_run',
      }),
    );
    const mine = events.events.filter(
      (ev) => (ev.system as { id?: string } | undefined)?.id === device._id,
    );
    expect(mine).toMatchObject([{ useragent: { name: 'jumpcloudmcp-claude-bot' } }]);
  });

  it('the audit trail names the client and the elicitation', async () => {
    const audit = await e2e.audit();
    expect(audit.map((r) => [r.tool, r.outcome, r.confirmation, r.clientName])).toEqual([
      ['user_suspend', 'executed', 'elicitation', 'claude'],
      ['device_lock', 'executed', 'elicitation', 'claude'],
    ]);
  });

  it('every upstream call of the session carried jumpcloudmcp-claude-bot', () => {
    const agents = new Set(e2e.sandbox.requests.map((r) => r.headers['user-agent']));
    expect([...agents]).toEqual(['jumpcloudmcp-claude-bot']);
  });
});

describe("a session's POST answered with an event stream", () => {
  /** One tools/call in the session: when its headers came, when its body ended, what it said. */
  async function timedCall(id: number, userId: string) {
    const transport = client.transport as StreamableHTTPClientTransport;
    const started = performance.now();
    const response = await fetch(e2e.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${e2e.sandbox.apiKey}`,
        'user-agent': 'claude-code/1.0',
        'mcp-session-id': transport.sessionId!,
        'mcp-protocol-version': transport.protocolVersion!,
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: 'tools/call',
        params: { name: 'user_get', arguments: { id: userId } },
      }),
    });
    const headersAt = performance.now() - started;
    const body = await response.text();
    return {
      type: response.headers.get('content-type'),
      headersAt,
      bodyAt: performance.now() - started,
      body,
    };
  }

  it('sends its headers with its first event, or after a second when the event is slower', async () => {
    const user = org.users[3]!;
    const path = `/api/systemusers/${user._id}`;
    try {
      // The answer comes 400 ms after the call: the headers wait for it, and leave with it.
      e2e.sandbox.faults.set({ method: 'GET', path, latencyMs: 400, times: 1 });
      const held = await timedCall(901, user._id);
      expect(held.type).toBe('text/event-stream');
      expect(held.body).toContain(user.username);
      expect(held.headersAt).toBeGreaterThanOrEqual(390);
      // The answer comes 3 s after the call: the client learns after a second that the stream is
      // open, and reads the event when it comes.
      e2e.sandbox.faults.set({ method: 'GET', path, latencyMs: 3000, times: 1 });
      const slow = await timedCall(902, user._id);
      expect(slow.body).toContain(user.username);
      expect(slow.headersAt).toBeGreaterThanOrEqual(990);
      expect(slow.bodyAt).toBeGreaterThanOrEqual(2990);
      expect(slow.bodyAt - slow.headersAt).toBeGreaterThan(1000);
    } finally {
      e2e.sandbox.faults.clear();
    }
  });
});
