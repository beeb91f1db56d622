/**
 * Every generated tool that is one REST call reaches the sandbox (the network edge) with a request
 * it accepts: the generated paths, parameters and bodies match what the API serves.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  tools,
  upstreamServers,
  type Upstream,
  type UpstreamPaths,
} from '../../generated/index.js';
import type { ToolDeps } from '../../src/registry/types.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { resolveBaseUrls } from '../../src/upstream/base-urls.js';
import { apiKeyCredential, apiKeyPrincipal } from '../../src/auth/api-key.js';
import { createUpstreamApi } from '../../src/upstream/create-upstream-api.js';

let sandbox: Sandbox;
let deps: ToolDeps<Upstream>;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, now: new Date('2026-06-01T00:00:00Z') });
  const api = createUpstreamApi<UpstreamPaths>({
    baseUrls: resolveBaseUrls({ servers: upstreamServers, region: 'us', baseUrl: sandbox.url }),
    credential: apiKeyCredential(sandbox.orgApiKeys[0]!),
    clientName: 'test',
    timeoutMs: 10_000,
  });
  const ctx = {
    requestId: 'r',
    principal: apiKeyPrincipal(sandbox.orgApiKeys[0]!),
    clientName: 'test',
    logger: pino({ level: 'silent' }),
  };
  deps = { api, ctx, signal: new AbortController().signal };
});
afterAll(() => sandbox.close());

const byName = (name: string) => tools.find((t) => t.name === name)!;

/** The first id a list tool returns, from a V1 `{ results }` body or a V2 array. */
async function firstId(listTool: string): Promise<string> {
  const tool = byName(listTool);
  const body = (await tool.handler(tool.input.parse({}), deps)) as
    { results?: { _id?: string; id?: string }[] } | { id?: string }[];
  const first: { _id?: string; id?: string } | undefined = Array.isArray(body)
    ? body[0]
    : body.results?.[0];
  const id = first?._id ?? first?.id;
  expect(id, `${listTool} returned an object with an id`).toBeTruthy();
  return String(id);
}

const READ_TOOLS: [name: string, idFrom?: string][] = [
  ['users_list'],
  ['admins_list'],
  ['user_groups_list'],
  ['device_groups_list'],
  ['applications_list'],
  ['softwareapp_list'],
  ['devices_list'],
  ['commands_list'],
  ['commandresults_list'],
  ['policies_list'],
  ['user_get', 'users_list'],
  ['device_get', 'devices_list'],
  ['application_get', 'applications_list'],
  ['command_get', 'commands_list'],
  ['policy_get', 'policies_list'],
  ['command_devices_list', 'commands_list'],
  ['command_device_groups_list', 'commands_list'],
  ['command_result_list', 'commands_list'],
];

/** Actions, called straight on the handler (the safety layer, which gates them, is tested on its own). */
const ACTION_TOOLS: [name: string, idFrom: string, extra?: Record<string, unknown>][] = [
  ['user_suspend', 'users_list'],
  ['user_reactivate', 'users_list'],
  ['user_unlock', 'users_list'],
  ['user_resetmfa', 'users_list'],
  ['user_add_mfa', 'users_list'],
  ['user_remove_mfa_requirement', 'users_list'],
  ['user_force_password_reset', 'users_list'],
  ['user_send_reset_password_email', 'users_list'],
  ['user_send_invitation_email', 'users_list'],
  ['device_update', 'devices_list', { displayName: 'renamed-by-test' }],
];

describe('generated REST handlers against the sandbox', () => {
  it.each(READ_TOOLS)('%s', async (name, idFrom) => {
    const tool = byName(name);
    const args: Record<string, unknown> = {};
    const id = idFrom ? await firstId(idFrom) : undefined;
    if (id) args[tool.target?.idArg ?? 'id'] = id;
    sandbox.clearRequests();
    const result = await tool.handler(tool.input.parse(args), deps);
    expect(result).toBeDefined();
    expect(typeof result, 'a JSON object or array').toBe('object');
    expect(result).not.toBeNull();
    // One read, accepted by the API, of the object named by the id.
    const sent = sandbox.requests.map(({ method, path, status }) => ({ method, path, status }));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 200 });
    expect(['GET', 'POST']).toContain(sent[0]!.method);
    if (id) expect(sent[0]!.path).toContain(id);
    if (tool.outputSchema) {
      const validate = new Ajv2020({ strict: false }).compile(tool.outputSchema);
      expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it.each(ACTION_TOOLS)('%s', async (name, idFrom, extra) => {
    const tool = byName(name);
    const args = { ...extra, [tool.target!.idArg]: await firstId(idFrom) };
    sandbox.clearRequests();
    await tool.handler(tool.input.parse(args), deps);
    expect(sandbox.requests.length).toBe(1);
    const [sent] = sandbox.requests;
    expect(sent!.status, `${name} was accepted`).toBeGreaterThanOrEqual(200);
    expect(sent!.status).toBeLessThan(300);
    expect(sent!.method).not.toBe('GET');
    expect(sent!.path).toContain(args[tool.target!.idArg] as string);
  });

  it('users_list sends the search term in searchFilter and the sandbox narrows on it', async () => {
    const tool = byName('users_list');
    const all = (await tool.handler(tool.input.parse({ limit: 100 }), deps)) as {
      totalCount: number;
      results: { email: string }[];
    };
    const email = all.results[0]!.email;
    const found = (await tool.handler(tool.input.parse({ searchTerm: email }), deps)) as {
      totalCount: number;
    };
    expect(found.totalCount).toBeGreaterThanOrEqual(1);
    expect(found.totalCount).toBeLessThan(all.totalCount);
  });

  it('user_groups_list turns search into a V2 filter', async () => {
    sandbox.clearRequests();
    const tool = byName('user_groups_list');
    await tool.handler(tool.input.parse({ search: 'eng', disabled: false }), deps);
    const request = sandbox.requests.at(-1)!;
    expect(decodeURIComponent(JSON.stringify(request))).toContain('name:search:eng');
  });
});
