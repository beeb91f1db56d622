/**
 * Test fixtures for the safety layer: a tiny JumpCloud stand-in on 127.0.0.1 that records every
 * request (the network edge), tools whose handlers call it through openapi-fetch, and an audit
 * logger that keeps its records in memory.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { z } from 'zod';
import type {
  CallContext,
  ToolAnnotations,
  ToolDefinition,
  ToolDeps,
} from '../../src/registry/types.js';
import type { Principal } from '../../src/auth/types.js';
import { unwrap } from '../../src/upstream/unwrap.js';
import { CONFIRMATION_TOKEN_ARG } from '../../src/safety/index.js';

export interface RecordedRequest {
  method: string;
  path: string;
  body: string;
}

export const DEVICES: Record<string, Record<string, unknown>> = {
  dev1: {
    _id: 'dev1',
    hostname: 'LAPTOP-7',
    displayName: 'Ann’s laptop',
    os: 'Windows',
    version: '11 Pro',
    active: true,
    lastContact: '2026-11-20T10:00:00Z',
  },
  dev2: {
    _id: 'dev2',
    hostname: 'build-02',
    displayName: 'build-02',
    os: 'Ubuntu',
    version: '24.04',
    active: false,
  },
  prod: {
    _id: 'prod',
    hostname: 'db-prod-01',
    displayName: 'Primary database',
    os: 'Ubuntu',
    version: '22.04',
    active: true,
  },
};

export const USERS: Record<string, Record<string, unknown>> = {
  // Answers that are not the user asked for.
  impostor: { _id: 'someone-else', username: 'mallory', email: 'm@example.com' },
  listing: { results: [], totalCount: 0 },
  usr1: {
    _id: 'usr1',
    username: 'jdoe',
    email: 'jdoe@example.com',
    firstname: 'Jane',
    lastname: 'Doe',
    state: 'ACTIVATED',
    suspended: false,
    account_locked: false,
    mfa: { configured: true },
  },
  boss: {
    _id: 'boss',
    username: 'ceo',
    email: 'CEO@example.com',
    state: 'ACTIVATED',
    suspended: false,
  },
};

export const USER_GROUPS: Record<string, Record<string, unknown>> = {
  grp1: { id: 'grp1', name: 'Engineering', type: 'user_group', membershipMethod: 'STATIC' },
};

export interface Upstream {
  url: string;
  requests: RecordedRequest[];
  /** Requests other than GET: what changes something. */
  mutations(): RecordedRequest[];
  close(): Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      requests.push({ method: req.method ?? '', path, body: Buffer.concat(chunks).toString() });
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const get = /^\/api\/(systems|systemusers)\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && get) {
        const record = (get[1] === 'systems' ? DEVICES : USERS)[get[2] ?? ''];
        return record ? send(200, record) : send(404, { message: 'Not Found' });
      }
      const group = /^\/api\/v2\/usergroups\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && group) {
        const record = USER_GROUPS[group[1] ?? ''];
        return record ? send(200, record) : send(404, { message: 'Not Found' });
      }
      if (req.method === 'POST' && /^\/api\/v2\/usergroups\/[^/]+\/members$/.test(path)) {
        res.writeHead(204);
        return res.end();
      }
      if (req.method === 'GET' && path === '/api/systems')
        return send(200, { results: Object.values(DEVICES) });
      const write = /^\/api\/(systems|systemusers)\/([^/]+)/.exec(path);
      if (write && (req.method === 'POST' || req.method === 'PUT')) {
        const known = (write[1] === 'systems' ? DEVICES : USERS)[write[2] ?? ''];
        return known ? send(200, {}) : send(404, { message: 'Not Found' });
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    mutations: () => requests.filter((r) => r.method !== 'GET'),
    close: () =>
      new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

// The tests call paths the generated types would check; here they are checked at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseClient = ReturnType<typeof createClient<any>>;
export interface TestApi {
  v1: LooseClient;
  v2: LooseClient;
}

export function createApi(baseUrl: string): TestApi {
  return {
    v1: createClient({ baseUrl: `${baseUrl}/api` }),
    v2: createClient({ baseUrl: `${baseUrl}/api/v2` }),
  };
}

function annotations(kind: 'read' | 'write' | 'destroy', title: string): ToolAnnotations {
  return {
    title,
    readOnlyHint: kind === 'read',
    destructiveHint: kind === 'destroy',
    idempotentHint: kind !== 'write',
    openWorldHint: false,
  };
}

const idInput = z.object({ id: z.string(), [CONFIRMATION_TOKEN_ARG]: z.string().optional() });

function tool(def: {
  name: string;
  toolset: ToolDefinition['toolset'];
  kind: 'read' | 'write' | 'destroy';
  target?: ToolDefinition['target'];
  effect?: ToolDefinition['effect'];
  input?: z.ZodType<Record<string, unknown>, z.ZodTypeDef, unknown>;
  handler: (args: Record<string, unknown>, api: TestApi, signal: AbortSignal) => Promise<unknown>;
}): ToolDefinition {
  return {
    name: def.name,
    description: `${def.name.replace('_', ' ')} for tests. Second sentence.`,
    toolset: def.toolset,
    annotations: annotations(def.kind, def.name),
    inputSchema: { type: 'object' },
    input: def.input ?? idInput,
    target: def.target,
    ...(def.effect ? { effect: def.effect } : {}),
    handler: (args: Record<string, unknown>, deps: ToolDeps) =>
      def.handler(args, deps.api as TestApi, deps.signal),
  };
}

function builtin(command: string) {
  return (args: Record<string, unknown>, api: TestApi, signal: AbortSignal) =>
    api.v1
      .POST(`/systems/{system_id}/command/builtin/${command}`, {
        params: { path: { system_id: args.id } },
        signal,
      })
      .then(unwrap);
}

export const TOOLS: ToolDefinition[] = [
  tool({
    name: 'devices_list',
    toolset: 'devices',
    kind: 'read',
    input: z.object({}),
    handler: (_args, api, signal) => api.v1.GET('/systems', { signal }).then(unwrap),
  }),
  tool({
    name: 'device_erase',
    toolset: 'devices',
    kind: 'destroy',
    target: { kind: 'device', idArg: 'id' },
    effect: {
      verb: 'Erase',
      change:
        'All data on the device is wiped and it is reset to factory settings. This cannot be undone.',
    },
    handler: builtin('erase'),
  }),
  tool({
    name: 'device_restart',
    toolset: 'devices',
    kind: 'destroy',
    target: { kind: 'device', idArg: 'id' },
    effect: {
      verb: 'Restart',
      change: 'The device restarts now; anyone using it loses unsaved work.',
    },
    handler: builtin('restart'),
  }),
  tool({
    name: 'device_lock',
    toolset: 'devices',
    kind: 'destroy',
    target: { kind: 'device', idArg: 'id' },
    effect: { verb: 'Lock', change: 'The device locks now; its user must unlock it.' },
    input: z.object({
      id: z.string(),
      pin: z.string().optional(),
      [CONFIRMATION_TOKEN_ARG]: z.string().optional(),
    }),
    handler: (args, api, signal) =>
      api.v1
        .POST('/systems/{system_id}/command/builtin/lock', {
          params: { path: { system_id: args.id } },
          body: { pin: args.pin },
          signal,
        })
        .then(unwrap),
  }),
  tool({
    name: 'device_update',
    toolset: 'devices',
    kind: 'write',
    target: { kind: 'device', idArg: 'id' },
    input: z.object({ id: z.string(), displayName: z.string().optional() }),
    handler: (args, api, signal) =>
      api.v1
        .PUT('/systems/{id}', {
          params: { path: { id: args.id } },
          body: { displayName: args.displayName },
          signal,
        })
        .then(unwrap),
  }),
  tool({
    name: 'user_suspend',
    toolset: 'users',
    kind: 'destroy',
    target: { kind: 'user', idArg: 'id' },
    effect: { verb: 'Suspend', change: 'The user can no longer sign in until reactivated.' },
    handler: (args, api, signal) =>
      api.v1
        .POST('/systemusers/{id}/state/suspend', { params: { path: { id: args.id } }, signal })
        .then(unwrap),
  }),
  tool({
    name: 'user_unlock',
    toolset: 'users',
    kind: 'write',
    target: { kind: 'user', idArg: 'id' },
    handler: (args, api, signal) =>
      api.v1
        .POST('/systemusers/{id}/unlock', { params: { path: { id: args.id } }, signal })
        .then(unwrap),
  }),
  tool({
    name: 'users_lock_many',
    toolset: 'users',
    kind: 'write',
    target: { kind: 'user', idArg: 'ids' },
    input: z.object({ ids: z.array(z.string()) }),
    handler: async (args, api, signal) => {
      for (const id of args.ids as string[]) {
        await api.v1
          .POST('/systemusers/{id}/unlock', { params: { path: { id } }, signal })
          .then(unwrap);
      }
      return { ok: true };
    },
  }),
  tool({
    name: 'users_suspend_many',
    toolset: 'users',
    kind: 'destroy',
    target: { kind: 'user', idArg: 'ids' },
    input: z.object({ ids: z.array(z.string()), [CONFIRMATION_TOKEN_ARG]: z.string().optional() }),
    handler: async (args, api, signal) => {
      for (const id of args.ids as string[]) {
        await api.v1
          .POST('/systemusers/{id}/state/suspend', { params: { path: { id } }, signal })
          .then(unwrap);
      }
      return { ok: true };
    },
  }),
  tool({
    name: 'user_group_members_change',
    toolset: 'users',
    kind: 'destroy',
    target: {
      kind: 'user_group',
      idArg: 'group_id',
      members: { add: 'user', remove: 'user' },
    },
    input: z.object({
      group_id: z.string(),
      add: z.array(z.string()).optional(),
      remove: z.array(z.string()).optional(),
      [CONFIRMATION_TOKEN_ARG]: z.string().optional(),
    }),
    handler: async (args, api, signal) => {
      const ops = [
        ...((args.add as string[] | undefined) ?? []).map((id) => ({ op: 'add', id })),
        ...((args.remove as string[] | undefined) ?? []).map((id) => ({ op: 'remove', id })),
      ];
      for (const { op, id } of ops) {
        await api.v2
          .POST('/usergroups/{group_id}/members', {
            params: { path: { group_id: args.group_id } },
            body: { op, type: 'user', id },
            signal,
          })
          .then(unwrap);
      }
      return { ok: true };
    },
  }),
  tool({
    name: 'policies_list',
    toolset: 'policies',
    kind: 'read',
    input: z.object({}),
    handler: async () => ({ results: [] }),
  }),
];

export function toolNamed(name: string): ToolDefinition {
  const found = TOOLS.find((t) => t.name === name);
  if (!found) throw new Error(`no test tool ${name}`);
  return found;
}

export interface MemoryLog {
  logger: Logger;
  records: Array<Record<string, unknown>>;
}

export function memoryLogger(): MemoryLog {
  const records: Array<Record<string, unknown>> = [];
  const logger = pino(
    { name: 'audit', base: { log: 'audit' } },
    { write: (line: string) => void records.push(JSON.parse(line)) },
  );
  return { logger, records };
}

/** An API-key principal known only by its fingerprint. */
export function testPrincipal(fingerprint: string): Principal {
  return { kind: 'api-key', fingerprint, displayName: `API key ${fingerprint}`, grant: {} };
}

export function callContext(overrides: Partial<CallContext> = {}): CallContext {
  return {
    requestId: 'req-1',
    principal: testPrincipal('key_a'),
    orgId: 'org-1',
    clientName: 'cursor',
    logger: pino({ level: 'silent' }),
    ...overrides,
  };
}

export function depsFor(api: TestApi, ctx: Partial<CallContext> = {}): ToolDeps {
  return { api, ctx: callContext(ctx), signal: new AbortController().signal };
}
