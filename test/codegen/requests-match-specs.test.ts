/**
 * Every request a tool sends is one the specs (with the overlays in specs/overlays/) define: each
 * query key is a declared parameter, serialized in the parameter's style (V1 filters as `filter=`
 * or `filter[0]=`, `filter[1]=`; V2 `fields` comma-separated, one `filter=` per clause), each body
 * validates against the operation's request schema, and the headers satisfy its security.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpecSet } from '../../codegen/load-specs.js';
import { tools, type Upstream } from '../../generated/index.js';
import { diEventsGet } from '../../src/handlers/di-events-get.js';
import { searchApi } from '../../src/handlers/search-api.js';
import type { ToolDeps } from '../../src/registry/types.js';
import { startSandbox, type OrgData, type Sandbox } from '../../src/sandbox/index.js';
import type { RecordedRequest } from '../../src/sandbox/request-log.js';
import { sandboxDeps } from '../handlers/sandbox-deps.js';
import { cachedSpecs } from './fixture-specs.js';

type Json = Record<string, unknown>;
interface Param {
  name: string;
  in: string;
  style?: string;
  explode?: boolean;
  schema?: { type?: string };
}

let sandbox: Sandbox;
let org: OrgData;
let deps: ToolDeps<Upstream>;
let specs: SpecSet;

beforeAll(async () => {
  specs = await cachedSpecs('current');
  sandbox = await startSandbox({ seed: 7, now: new Date('2026-06-01T00:00:00Z') });
  org = sandbox.org(sandbox.orgIds[0]!)!;
  deps = sandboxDeps(sandbox);
});
afterAll(() => sandbox.close());

const SPEC_PREFIXES: [prefix: string, spec: keyof SpecSet][] = [
  ['/api/v2', 'v2'],
  ['/insights/directory/v1', 'insights'],
  ['/api', 'v1'],
];

function resolveRef<T>(doc: Json, value: unknown): T {
  const ref = (value as { $ref?: string }).$ref;
  if (!ref) return value as T;
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Json)[key], doc) as T;
}

/** The spec, its path template and operation for a request the sandbox recorded. */
function operationOf(request: RecordedRequest) {
  const [prefix, spec] = SPEC_PREFIXES.find(([p]) => request.path.startsWith(`${p}/`))!;
  const doc = specs[spec] as unknown as Json;
  const path = request.path.slice(prefix.length);
  const paths = doc.paths as Record<string, Json>;
  const template = Object.keys(paths).find((t) =>
    new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
  expect(template, `${spec} defines ${request.method} ${path}`).toBeDefined();
  const item = paths[template!]!;
  const op = item[request.method.toLowerCase()] as Json | undefined;
  expect(op, `${spec} defines ${request.method} ${template}`).toBeDefined();
  const params = [
    ...((item.parameters as unknown[]) ?? []),
    ...((op!.parameters as unknown[]) ?? []),
  ].map((p) => resolveRef<Param>(doc, p));
  return { spec, doc, template: template!, op: op!, params };
}

/** Problems with one recorded request, in words; empty when it is exactly as the spec defines it. */
function problems(request: RecordedRequest): string[] {
  const { spec, doc, template, op, params } = operationOf(request);
  const where = `${request.method} ${template}`;
  const out: string[] = [];
  const query = params.filter((p) => p.in === 'query');
  const indexed = Object.keys(request.query).filter((k) => /^filter\[\d+\]$/.test(k));
  for (const [key, value] of Object.entries(request.query)) {
    if (indexed.includes(key)) continue;
    const param = query.find((p) => p.name === key);
    if (!param) {
      out.push(`${where}: query ${key} is not a parameter`);
      continue;
    }
    const isArray = param.schema?.type === 'array';
    const explode = param.explode ?? (param.style ?? 'form') === 'form';
    if (Array.isArray(value) && !(isArray && explode))
      out.push(`${where}: ${key} is repeated; the spec defines one ${key}=`);
  }
  if (indexed.length > 0) {
    // The V1 filter documentation: `filter[0]=a&filter[1]=b` ANDs the clauses.
    const numbers = indexed.map((k) => Number(/\d+/.exec(k)![0])).sort((a, b) => a - b);
    if (spec !== 'v1' || !query.some((p) => p.name === 'filter'))
      out.push(`${where}: indexed filters are a V1 form`);
    if (numbers.some((n, i) => n !== i)) out.push(`${where}: filter indexes ${numbers.join(',')}`);
    if (indexed.length < 2 || 'filter' in request.query)
      out.push(`${where}: one filter goes as filter=, several only as filter[N]=`);
  }
  if (request.body !== undefined) {
    const content = resolveRef<Json>(doc, (op.requestBody as Json | undefined) ?? {}).content as
      Record<string, { schema?: unknown }> | undefined;
    const schema = content?.['application/json']?.schema;
    if (!schema) out.push(`${where}: sends a body the operation does not take`);
    else {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(ajv);
      const validate = ajv.compile({ ...(schema as Json), components: doc.components });
      if (!validate(request.body))
        out.push(`${where}: body ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
  }
  const security = (op.security ?? doc.security ?? []) as Record<string, unknown>[];
  const schemes = (doc.components as Json).securitySchemes as Record<string, { name: string }>;
  if (
    security.length > 0 &&
    !security.some((req) =>
      Object.keys(req).every((s) => (schemes[s]?.name ?? s).toLowerCase() in request.headers),
    )
  ) {
    out.push(`${where}: the headers meet none of its security requirements`);
  }
  return out;
}

const byName = (name: string) => tools.find((t) => t.name === name)!;

/** Arguments that make every generated REST tool send its fullest request. */
function argsFor(name: string): Record<string, unknown> {
  const user = org.users[0]!;
  const system = org.systems[0]!;
  const ids: Record<string, Record<string, unknown>> = {
    user_get: { id: user._id },
    device_get: { id: system._id },
    application_get: { id: org.applications[0]!._id },
    command_get: { id: org.commands[0]!._id },
    command_result_list: { id: org.commands[0]!._id, limit: 5, skip: 0 },
    command_devices_list: { id: org.commands[0]!._id, limit: 5, skip: 0 },
    command_device_groups_list: { id: org.commands[0]!._id, limit: 5, skip: 0 },
    policy_get: { id: org.policies[0]!.id },
    user_group_membership: { group_id: org.userGroups[0]!.id, limit: 5 },
    device_group_membership: { group_id: org.systemGroups[0]!.id, limit: 5 },
    users_list: { limit: 5, skip: 1, searchTerm: 'a' },
    devices_list: { limit: 5, skip: 1, search: 'a' },
    admins_list: { limit: 5, search: 'a' },
    user_groups_list: { limit: 5, search: 'eng', disabled: false },
    device_groups_list: { limit: 5, search: 'a', disabled: false },
    applications_list: { limit: 5, search: 'A' },
    policies_list: { limit: 5, search: 'a' },
    application_access_list: { application_id: org.applications[0]!._id, limit: 5, skip: 0 },
    user_applications_list: { user_id: user._id },
    user_memberof_list: { user_id: user._id },
    device_users_list: { device_id: system._id },
  };
  return ids[name] ?? { limit: 5, skip: 0 };
}

const READS = tools
  .filter((t) => t.annotations.readOnlyHint && !['search_api', 'di_events_get'].includes(t.name))
  .map((t) => t.name);

describe('requests as the specs define them', () => {
  it.each(READS)('%s', async (name) => {
    const tool = byName(name);
    sandbox.clearRequests();
    await tool.handler(tool.input.parse(argsFor(name)), deps);
    expect(sandbox.requests.length).toBeGreaterThan(0);
    expect(sandbox.requests.flatMap(problems)).toEqual([]);
  });

  it.each([
    [
      'application_access_update',
      () => {
        const app = org.applications[0]!;
        return {
          application_id: app._id,
          add_users: [
            org.users.find((u) => !org.applicationUsers.get(app._id)!.includes(u._id))!._id,
          ],
          remove_user_groups: [org.applicationGroups.get(app._id)![0]!],
        };
      },
    ],
    [
      'device_access_update',
      () => {
        const system = org.systems[0]!;
        return {
          device_id: system._id,
          add_users: [
            org.users.find((u) => !(org.systemUsers.get(system._id) ?? []).includes(u._id))!._id,
          ],
          add_user_groups: [org.userGroups[0]!.id],
        };
      },
    ],
  ])('%s: its reads and each change', async (name, args) => {
    const tool = byName(name);
    sandbox.clearRequests();
    await tool.handler(tool.input.parse(args()), deps);
    expect(sandbox.requests.filter((r) => r.path.endsWith('/associations')).length).toBe(3);
    expect(sandbox.requests.flatMap(problems)).toEqual([]);
  });

  it.each([
    'how many macOS 14 devices are online',
    'suspended users with MFA',
    'Windows devices',
    'eng',
    'how many user groups',
    'which users in Finance are suspended?',
    'which devices have not checked in for 30 days?',
    'R&D',
    "o'reilly",
    'suspended members of the Sales group',
    'groups with more than 10 members',
    'email api.admin@acme-robotics.example exactly',
  ])('search_api: %s', async (query) => {
    sandbox.clearRequests();
    await searchApi({ query }, deps);
    expect(sandbox.requests.flatMap(problems)).toEqual([]);
  });

  it.each(['user_suspend', 'user_reactivate', 'user_unlock', 'user_force_password_reset'])(
    '%s on several users: the bulk request and its job results',
    async (name) => {
      const tool = byName(name);
      sandbox.clearRequests();
      const ids = org.users.slice(1, 4).map((u) => u._id);
      await tool.handler(tool.input.parse({ ids }), deps);
      expect(sandbox.requests.map((r) => r.path)).toContainEqual(
        expect.stringMatching(/^\/api\/v2\/bulk\//),
      );
      expect(sandbox.requests.flatMap(problems)).toEqual([]);
    },
  );

  it('search_api sends two V1 filters as filter[0] and filter[1]', async () => {
    sandbox.clearRequests();
    await searchApi({ query: 'how many macOS 14 devices' }, deps);
    expect(sandbox.requests[0]!.query).toMatchObject({
      'filter[0]': 'os:$eq:Mac OS X',
      'filter[1]': 'version:$sw:14.',
    });
  });

  it('search_api asks V2 for comma-separated fields', async () => {
    sandbox.clearRequests();
    await searchApi({ query: 'how many device groups' }, deps);
    expect(sandbox.requests[0]!.query.fields).toBe('id,name');
  });

  it('di_events_get: search_term conjunctions, the cursor and no x-org-id', async () => {
    sandbox.clearRequests();
    const args = {
      service: ['directory', 'sso'],
      start_time: '30d',
      limit: 5,
      event_type: 'login_attempt, admin_login_attempt',
      initiator_id: org.users[0]!._id,
    };
    const first = await diEventsGet(args, deps);
    await diEventsGet(
      { ...args, event_type: undefined, search_after: first.next_search_after ?? [1, 'x'] },
      deps,
    );
    const [request] = sandbox.requests;
    expect((request!.body as Json).search_term).toEqual({
      and: [
        { event_type: ['login_attempt', 'admin_login_attempt'] },
        { 'initiated_by.id': org.users[0]!._id.toLowerCase() },
      ],
    });
    expect(request!.headers['x-org-id']).toBeUndefined();
    expect(sandbox.requests.flatMap(problems)).toEqual([]);
  });
});
