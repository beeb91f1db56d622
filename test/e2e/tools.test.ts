/**
 * Every generated tool has one end-to-end case, in one of the `tools-<area>.test.ts` files (the
 * cases are in `tool-cases/`); this file checks that against tools/list, and that arguments no
 * tool accepts are refused before anything reaches JumpCloud.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools as generatedTools } from '../../generated/index.js';
import { GENERATED_TOOL_NAMES, mutations, startE2e, text, withToken } from './harness.js';
import type { E2e } from './harness.js';
import { CASES_BY_AREA } from './tool-cases/index.js';
import { CONFIRMATION_TOKEN_ARG } from '../../src/safety/index.js';

let e2e: E2e;
let client: Client;

beforeAll(async () => {
  e2e = await startE2e();
  client = await e2e.connect({ client: 'cursor' });
});
afterAll(() => e2e?.close());

describe('every tool through a real MCP client against the sandbox', () => {
  it('has one case per tool the server lists, in one area, and lists every generated tool', async () => {
    const { tools } = await client.listTools();
    const listed = tools.map((t) => t.name).sort();
    expect(listed).toEqual(GENERATED_TOOL_NAMES);
    const cased = Object.values(CASES_BY_AREA).flatMap((cases) => Object.keys(cases));
    expect(cased.sort(), 'a tool without an end-to-end case, or with two').toEqual(listed);
  });

  it('an invalid call gets a clear error and sends nothing', async () => {
    e2e.sandbox.clearRequests();
    const out = await e2e.call(client, 'users_list', { limit: 1000 });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/Invalid arguments for users_list: "limit"/);
    expect(e2e.sandbox.requests).toEqual([]);
  });
});

describe('ids that are not ids', () => {
  const TARGETED = generatedTools.filter((t) => !t.annotations.readOnlyHint && t.target);

  // This server protects no user or device, so a failed target lookup alone would not stop a
  // non-destructive tool; "." and ".." would be resolved by the URL parser, and "" would reach
  // the collection (GET /api/systemusers/ is the user list).
  it.each(['', '.', '..', 'a/../b'])(
    'id %j is refused by every mutating tool, with no token and nothing that changes data sent',
    async (id) => {
      e2e.sandbox.clearRequests();
      const tokens: string[] = [];
      for (const tool of TARGETED) {
        const args = tool.name === 'device_update' ? { id, displayName: 'x' } : { id };
        const out = await e2e.call(client, tool.name, args);
        expect(out.isError, tool.name).toBe(true);
        if (text(out).includes(`"${CONFIRMATION_TOKEN_ARG}"`)) {
          tokens.push(tool.name);
          await e2e.call(client, tool.name, withToken(args, out));
        }
      }
      expect({
        tokens,
        sent: mutations(e2e.sandbox).map((r) => `${r.method} ${r.path}`),
      }).toEqual({ tokens: [], sent: [] });
    },
  );

  // GET /api/systemusers/ would be the user list: the upstream client refuses an empty or dot
  // path parameter for every tool, read-only ones included, before anything is sent.
  it.each(['', ' ', '.', '..'])('user_get with id %j is an error and sends nothing', async (id) => {
    const before = e2e.sandbox.requests.length;
    const out = await e2e.call(client, 'user_get', { id });
    expect(out.isError, text(out).slice(0, 80)).toBe(true);
    expect(text(out)).toMatch(/needs the id of one object/);
    expect(e2e.sandbox.requests.length).toBe(before);
  });
});
