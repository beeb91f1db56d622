/**
 * The stateless endpoint answers without the SDK's transport. Here one corpus of requests (valid
 * and invalid, every tool, three protocol revisions, batches, notifications, bad headers) goes to
 * two copies of the real app on the same sandbox, one answering directly and one through a
 * `Server` per request, and every answer must be the same: status, headers, body. initialize is
 * answered directly too: every revision the SDK speaks and some it does not, and params it accepts
 * and refuses (the endpoint leaves what it does not surely recognize to the SDK).
 */
import { JUMPCLOUD_KINDS } from '../../src/jumpcloud/kinds.js';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools as generatedTools } from '../../generated/index.js';
import { upstreamServers } from '../../generated/upstream.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { listen } from '../../src/http-server.js';
import { createLogger } from '../../src/logger.js';
import type { ToolDefinition } from '../../src/registry/types.js';
import { createSafety } from '../../src/safety/index.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../../src/mcp/protocol.js';
import type { RequestScope } from '../../src/mcp/request-scope.js';
import { createStatelessEndpoint } from '../../src/mcp/stateless-endpoint.js';
import type { McpServerOptions } from '../../src/mcp/tool-answers.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { CancelSource } from '../../src/upstream/cancellation.js';

const tools = generatedTools as unknown as readonly ToolDefinition[];
const REVISIONS = ['2025-11-25', '2025-06-18', '2025-03-26'] as const;

interface Probe {
  name: string;
  body: string;
  headers?: Record<string, string | undefined>;
  query?: string;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Headers that differ between any two answers (time, request id, connection handling). */
const VARYING = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);

function normalize(text: string): string {
  return text
    .replace(/request id [\w-]+/g, 'request id <id>')
    .replace(/("confirmation_token\\?":\s*\\?")[^"\\]+/g, '$1<token>');
}

const rpc = (id: unknown, method: string, params?: unknown) =>
  JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
const note = (method: string, params?: unknown) =>
  JSON.stringify({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
const call = (id: number, name: string, args?: unknown) =>
  rpc(id, 'tools/call', { name, ...(args === undefined ? {} : { arguments: args }) });

const CLIENT_INFO = { name: 'differential', version: '1.0.0' };
const init = (params: Record<string, unknown>) =>
  ({
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: CLIENT_INFO,
    ...params,
  }) as const;

/** initialize params the SDK accepts, each answered by the endpoint itself. */
const INITIALIZE_ACCEPTED: [string, unknown][] = [
  ...[...SUPPORTED_PROTOCOL_VERSIONS, '1999-01-01', 'latest', ''].map(
    (version): [string, unknown] => [`revision "${version}"`, init({ protocolVersion: version })],
  ),
  [
    'clientInfo with title, description, websiteUrl',
    init({
      clientInfo: { ...CLIENT_INFO, title: 'T', description: 'D', websiteUrl: 'https://x.test' },
    }),
  ],
  ['roots', init({ capabilities: { roots: { listChanged: true } } })],
  ['roots, empty', init({ capabilities: { roots: {} } })],
  ['sampling', init({ capabilities: { sampling: { context: {}, tools: {} } } })],
  ['elicitation, empty', init({ capabilities: { elicitation: {} } })],
  [
    'elicitation form and url',
    init({
      capabilities: { elicitation: { form: { applyDefaults: true }, url: {}, other: 1 } },
    }),
  ],
  [
    'experimental and extensions',
    init({
      capabilities: { experimental: { a: {} }, extensions: { 'x/y': { on: true } } },
    }),
  ],
  [
    'tasks',
    init({
      capabilities: {
        tasks: {
          list: {},
          cancel: {},
          requests: { sampling: { createMessage: {} }, elicitation: { create: {} } },
        },
      },
    }),
  ],
  ['an unknown capability', init({ capabilities: { whatever: 1 } })],
  [
    'every capability',
    init({
      capabilities: {
        roots: { listChanged: false },
        sampling: {},
        elicitation: { form: {} },
        experimental: {},
      },
    }),
  ],
];

/** initialize params the SDK refuses, or that the endpoint leaves to it. */
const INITIALIZE_LEFT: [string, unknown][] = [
  ['no params', undefined],
  ['params an array', []],
  ['empty params', {}],
  ['protocolVersion a number', init({ protocolVersion: 20250618 })],
  ['no protocolVersion', { capabilities: {}, clientInfo: CLIENT_INFO }],
  ['no capabilities', { protocolVersion: '2025-06-18', clientInfo: CLIENT_INFO }],
  ['capabilities null', init({ capabilities: null })],
  ['capabilities an array', init({ capabilities: [] })],
  ['no clientInfo', { protocolVersion: '2025-06-18', capabilities: {} }],
  ['clientInfo without a name', init({ clientInfo: { version: '1' } })],
  ['clientInfo version a number', init({ clientInfo: { name: 'x', version: 1 } })],
  ['clientInfo title a number', init({ clientInfo: { ...CLIENT_INFO, title: 1 } })],
  [
    'clientInfo with icons',
    init({ clientInfo: { ...CLIENT_INFO, icons: [{ src: 'https://x.test/i.png' }] } }),
  ],
  ['clientInfo with bad icons', init({ clientInfo: { ...CLIENT_INFO, icons: 'no' } })],
  ['clientInfo with an unknown member', init({ clientInfo: { ...CLIENT_INFO, extra: true } })],
  ['roots.listChanged a string', init({ capabilities: { roots: { listChanged: 'yes' } } })],
  ['sampling.tools a number', init({ capabilities: { sampling: { tools: 1 } } })],
  ['sampling an array', init({ capabilities: { sampling: [] } })],
  ['elicitation an array', init({ capabilities: { elicitation: [] } })],
  ['elicitation.url a string', init({ capabilities: { elicitation: { url: 'u' } } })],
  [
    'elicitation.form.applyDefaults a string',
    init({ capabilities: { elicitation: { form: { applyDefaults: 'x' } } } }),
  ],
  ['experimental of numbers', init({ capabilities: { experimental: { a: 1 } } })],
  ['extensions an array', init({ capabilities: { extensions: [{}] } })],
  [
    'tasks.requests.sampling.createMessage a number',
    init({
      capabilities: { tasks: { requests: { sampling: { createMessage: 5 } } } },
    }),
  ],
  ['tasks.list a string', init({ capabilities: { tasks: { list: 'all' } } })],
  ['_meta', init({ _meta: { progressToken: 1 } })],
  ['an unknown param', init({ extra: 1 })],
];

function corpus(sandbox: Sandbox): Probe[] {
  const org = sandbox.org(sandbox.orgIds[0]!)!;
  const userId = org.users[0]!._id;
  const probes: Probe[] = [];
  for (const revision of REVISIONS) {
    const headers = { 'mcp-protocol-version': revision };
    const add = (name: string, body: string) =>
      probes.push({ name: `${revision} ${name}`, body, headers });
    add(
      'initialize',
      rpc(0, 'initialize', {
        protocolVersion: revision,
        capabilities: {},
        clientInfo: { name: 'differential', version: '1.0.0' },
      }),
    );
    add('notifications/initialized', note('notifications/initialized'));
    add('ping', rpc(1, 'ping'));
    add('tools/list', rpc(2, 'tools/list'));
    add('tools/list, empty params', rpc('list-3', 'tools/list', {}));
    add('tools/list with a cursor', rpc(4, 'tools/list', { cursor: 'next' }));
    for (const tool of tools) {
      add(`${tool.name} without arguments`, call(5, tool.name));
      add(`${tool.name} with an unknown argument`, call(6, tool.name, { nonsense: true }));
    }
    add('user_get', call(7, 'user_get', { id: userId }));
    add('user_get, unknown id', call(8, 'user_get', { id: '0123456789abcdef01234567' }));
    add('user_get, id of the wrong type', call(9, 'user_get', { id: 5 }));
    add('users_list', call(10, 'users_list', { limit: 5 }));
    add('users_list, bad limit', call(11, 'users_list', { limit: 'many' }));
    add('devices_list', call(12, 'devices_list', { limit: 3 }));
    add('user_unlock preview', call(13, 'user_unlock', { id: userId }));
    add('an unknown tool', call(14, 'no_such_tool', {}));
  }
  const add = (name: string, body: string, headers?: Probe['headers'], query?: string) =>
    probes.push({
      name,
      body,
      headers: { 'mcp-protocol-version': '2025-06-18', ...headers },
      query,
    });
  for (const [name, params] of [...INITIALIZE_ACCEPTED, ...INITIALIZE_LEFT]) {
    add(`initialize, ${name}`, rpc(20, 'initialize', params));
  }
  add('initialize, string id', rpc('init-1', 'initialize', init({})));
  add('initialize, fractional id', rpc(1.5, 'initialize', init({})));
  add('initialize as a notification', note('initialize', init({})));
  add('initialize in a batch', `[${rpc(1, 'initialize', init({}))}]`);
  add('initialize and a ping', `[${rpc(1, 'initialize', init({}))},${rpc(2, 'ping')}]`);
  add('initialize, an unsupported protocol version header', rpc(1, 'initialize', init({})), {
    'mcp-protocol-version': '1999-01-01',
  });
  add('initialize, no protocol version header', rpc(1, 'initialize', init({})), {
    'mcp-protocol-version': undefined,
  });
  add('initialize, no Accept', rpc(1, 'initialize', init({})), { accept: undefined });
  add('initialize, text/plain', rpc(1, 'initialize', init({})), { 'content-type': 'text/plain' });
  add('string id', rpc('abc', 'ping'));
  add('fractional id', rpc(1.5, 'ping'));
  add('null id', rpc(null, 'ping'));
  add('no jsonrpc', JSON.stringify({ id: 1, method: 'ping' }));
  add('jsonrpc 1.0', JSON.stringify({ jsonrpc: '1.0', id: 1, method: 'ping' }));
  add('an extra member', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', extra: 1 }));
  add('ping with params', rpc(1, 'ping', {}));
  add('resources/list', rpc(1, 'resources/list'));
  add('an unknown method', rpc(1, 'foo/bar'));
  add('logging/setLevel', rpc(1, 'logging/setLevel', { level: 'info' }));
  add('logging/setLevel, bad level', rpc(1, 'logging/setLevel', { level: 'loud' }));
  add('tools/call without params', rpc(1, 'tools/call'));
  add('tools/call, name a number', rpc(1, 'tools/call', { name: 7 }));
  add(
    'tools/call, arguments an array',
    rpc(1, 'tools/call', { name: 'users_list', arguments: [] }),
  );
  add(
    'tools/call, arguments a string',
    rpc(1, 'tools/call', { name: 'users_list', arguments: 'x' }),
  );
  add(
    'tools/call with _meta',
    rpc(1, 'tools/call', {
      name: 'users_list',
      arguments: { limit: 1 },
      _meta: { progressToken: 1 },
    }),
  );
  add('tools/list, params an array', rpc(1, 'tools/list', []));
  add('a batch of requests', `[${rpc(1, 'ping')},${rpc(2, 'tools/list')}]`);
  add('a batch of notifications', `[${note('notifications/initialized')}]`);
  add('an empty batch', '[]');
  add('a notification with params', note('notifications/initialized', {}));
  add('a notification with _meta', note('notifications/initialized', { _meta: { a: 1 } }));
  add('notifications/cancelled', note('notifications/cancelled', { requestId: 9 }));
  add('an unknown notification', note('notifications/whatever'));
  add('a response', JSON.stringify({ jsonrpc: '2.0', id: 1, result: {} }));
  add('a number', '42');
  add('null', 'null');
  add('no Accept', rpc(1, 'ping'), { accept: undefined });
  add('Accept JSON only', rpc(1, 'tools/list'), { accept: 'application/json' });
  add('Accept everything', rpc(1, 'ping'), { accept: '*/*' });
  add('an unsupported protocol version', rpc(1, 'tools/list'), {
    'mcp-protocol-version': '1999-01-01',
  });
  add('no protocol version', rpc(1, 'tools/list'), { 'mcp-protocol-version': undefined });
  add('charset in Content-Type', rpc(1, 'tools/list'), {
    'content-type': 'application/json; charset=utf-8',
  });
  add('Content-Type with odd case', rpc(1, 'tools/list'), { 'content-type': 'Application/JSON' });
  add('text/plain', rpc(1, 'ping'), { 'content-type': 'text/plain' });
  add('read-only selection', rpc(1, 'tools/list'), {}, '?readOnly=true');
  add('one toolset', rpc(1, 'tools/list'), {}, '?toolsets=users');
  add('a deselected tool', call(1, 'devices_list', {}), {}, '?toolsets=users');
  return probes;
}

async function send(url: string, apiKey: string, probe: Probe): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    authorization: `Bearer ${apiKey}`,
    'user-agent': 'differential/1.0',
  };
  for (const [name, value] of Object.entries(probe.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const response = await fetch(`${url}${probe.query ?? ''}`, {
    method: 'POST',
    headers,
    body: probe.body,
  });
  const answer: Answer = { status: response.status, headers: {}, body: '' };
  response.headers.forEach((value, name) => {
    if (!VARYING.has(name)) answer.headers[name] = value;
  });
  answer.body = normalize(await response.text());
  if (answer.headers['content-length'] !== undefined)
    answer.headers['content-length'] = String(Buffer.byteLength(answer.body));
  return answer;
}

describe('the stateless endpoint answers initialize itself', () => {
  const endpoint = createStatelessEndpoint({} as McpServerOptions);
  const ask = (params: unknown) =>
    endpoint({
      rawHeaders: [
        'Accept',
        'application/json, text/event-stream',
        'Content-Type',
        'application/json',
      ],
      body: {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        ...(params === undefined ? {} : { params }),
      },
      scope: {} as RequestScope,
      cancellation: new CancelSource(),
    });

  it.each(INITIALIZE_ACCEPTED)('%s', async (_name, params) => {
    const answer = await ask(params);
    expect(answer?.status).toBe(200);
    const { protocolVersion } = params as { protocolVersion: string };
    const result = JSON.parse(String(answer?.body)).result as { protocolVersion: string };
    expect(result.protocolVersion).toBe(
      SUPPORTED_PROTOCOL_VERSIONS.includes(protocolVersion)
        ? protocolVersion
        : SUPPORTED_PROTOCOL_VERSIONS[0],
    );
  });

  it.each(INITIALIZE_LEFT)('leaves it to the SDK: %s', async (_name, params) => {
    expect(await ask(params)).toBeUndefined();
  });
});

describe('the stateless endpoint answers as the SDK transport does', () => {
  let sandbox: Sandbox;
  let direct: { url: string; close(): Promise<void> };
  let sdk: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    sandbox = await startSandbox({ now: new Date('2025-06-01T00:00:00Z') });
    const config = loadConfig({
      argv: ['--port', '0', '--base-url', sandbox.url],
      env: { JUMPCLOUD_MCP_CONFIRMATION_SECRET: 'differential-confirmation-secret-0123456789-abc' },
    });
    const logger = createLogger({
      level: 'info',
      destination: new Writable({ write: (_chunk, _encoding, callback) => callback() }),
    });
    const safety = createSafety({
      config: config.safety,
      tools,
      kinds: JUMPCLOUD_KINDS,
      auditLogger: logger,
      logger,
    });
    const start = async (statelessPath: 'direct' | 'sdk') => {
      const mcpApp = createApp({
        config,
        tools,
        safety,
        servers: upstreamServers,
        logger,
        statelessPath,
      });
      const running = await listen({ mcpApp, config, logger });
      return { url: `${running.origin}/v1`, close: running.close };
    };
    direct = await start('direct');
    sdk = await start('sdk');
  });

  afterAll(async () => {
    await direct?.close();
    await sdk?.close();
    await sandbox?.close();
  });

  it('gives the same status, headers and body for every request of the corpus', async () => {
    const probes = corpus(sandbox);
    const mismatches: string[] = [];
    const statuses = new Set<number>();
    for (const probe of probes) {
      const a = await send(direct.url, sandbox.apiKey, probe);
      const b = await send(sdk.url, sandbox.apiKey, probe);
      statuses.add(a.status);
      try {
        expect(a).toEqual(b);
      } catch {
        const show = (answer: Answer) =>
          JSON.stringify({ ...answer, body: answer.body.slice(0, 400) });
        mismatches.push(`${probe.name}:\n  direct ${show(a)}\n  sdk    ${show(b)}`);
      }
    }
    expect(mismatches).toEqual([]);
    // The corpus reaches answers of every kind.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 202, 400, 406, 415]));
    expect(probes.length).toBeGreaterThan(tools.length * 6);
  });
});
