/**
 * The SDK's type guards as the build patches them (scripts/sdk-guards.ts) answer as the SDK's own
 * on every message of a corpus: the JSON-RPC messages of a session in both directions, the ones a
 * guard must refuse, and values a client could send that are no message at all. The patched module
 * is the SDK's types.js, its guards patched, loaded beside the real one with the same zod.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from '@modelcontextprotocol/sdk/types.js';
import { GUARDS, patchSdkGuards } from '../../scripts/sdk-guards.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const typesFile = join(root, 'node_modules/@modelcontextprotocol/sdk/dist/esm/types.js');
let dir: string;
let patched: Record<string, (value: unknown) => boolean>;

beforeAll(async () => {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  dir = mkdtempSync(join(root, '.tmp', 'sdk-guards-'));
  const source = readFileSync(typesFile, 'utf8');
  const zod = pathToFileURL(join(root, 'node_modules/zod/v4/index.js')).href;
  expect(source).toContain("from 'zod/v4';");
  const file = join(dir, 'types.mjs');
  writeFileSync(
    file,
    patchSdkGuards(source)
      .replace("from 'zod/v4';", `from '${zod}';`)
      .replace(/^\/\/# sourceMappingURL=.*$/m, ''),
  );
  patched = (await import(pathToFileURL(file).href)) as typeof patched;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const initialize = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'claude-code', version: '1.0.0' },
  },
};
const call = {
  jsonrpc: '2.0',
  id: 7,
  method: 'tools/call',
  params: { name: 'user_get', arguments: { id: '5677b07505833e54c2349f08' } },
};
const result = { jsonrpc: '2.0', id: 7, result: { content: [{ type: 'text', text: 'ok' }] } };
const error = { jsonrpc: '2.0', id: 7, error: { code: -32602, message: 'Invalid params' } };

/** Messages and non-messages; each guard must agree with the SDK's on every one. */
const CORPUS: unknown[] = [
  initialize,
  { ...initialize, params: { ...initialize.params, protocolVersion: 42 } },
  { ...initialize, params: undefined },
  { ...initialize, id: undefined },
  { ...initialize, jsonrpc: '1.0' },
  { ...initialize, method: 'Initialize' },
  { jsonrpc: '2.0', method: 'notifications/initialized' },
  { jsonrpc: '2.0', method: 'notifications/initialized', params: {} },
  { jsonrpc: '2.0', id: 1, method: 'notifications/initialized' },
  { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 7 } },
  call,
  { ...call, extra: true },
  { jsonrpc: '2.0', id: 'a', method: 'tools/list' },
  { jsonrpc: '2.0', id: 1, method: 'ping' },
  result,
  { ...result, result: {} },
  { ...result, result: null },
  { ...result, result: undefined },
  { ...result, result: 'text' },
  { ...result, id: undefined },
  { ...result, extra: 1 },
  { ...result, error: error.error },
  error,
  { ...error, id: undefined },
  { ...error, error: { code: 1.5, message: 'x' } },
  { ...error, error: null },
  { ...error, error: undefined },
  { ...error, error: 'boom' },
  { jsonrpc: '2.0', id: 7 },
  {},
  [],
  [call],
  Object.assign([], { result: {}, jsonrpc: '2.0', id: 1 }),
  Object.assign([], { method: 'initialize' }),
  Object.assign(Object.create({ result: {} }) as object, { jsonrpc: '2.0', id: 1 }),
  Object.assign(Object.create({ method: 'initialize' }) as object, initialize),
  Object.create(null) as object,
  Object.assign(Object.create(null) as object, result),
  null,
  undefined,
  0,
  7,
  '',
  'initialize',
  true,
  () => 'initialize',
  Object.assign(() => 0, { jsonrpc: '2.0', id: 1, result: {} }),
];

describe('the SDK guards the build patches', () => {
  it('applies to every guard it names, which are the SDK guards of the same names', () => {
    const source = readFileSync(typesFile, 'utf8');
    const out = patchSdkGuards(source);
    for (const { name, schema } of GUARDS) {
      expect(out).not.toContain(`export const ${name} = (value) => ${schema}.safeParse(value)`);
      expect(typeof (sdk as Record<string, unknown>)[name]).toBe('function');
      expect(typeof patched[name]).toBe('function');
    }
  });

  it.each(GUARDS.map((guard) => guard.name))('%s answers as the SDK does', (name) => {
    const original = (sdk as unknown as Record<string, (value: unknown) => boolean>)[name]!;
    const answers = CORPUS.map((value) => [original(value), patched[name]!(value)]);
    expect(answers.map(([, now]) => now)).toEqual(answers.map(([before]) => before));
    // The corpus reaches both answers of every guard.
    expect(new Set(answers.map(([before]) => before))).toEqual(new Set([true, false]));
  });

  it('refuses to build when the SDK defines a guard another way', () => {
    const source = readFileSync(typesFile, 'utf8');
    const changed = source.replace(
      'export const isInitializeRequest = (value) => InitializeRequestSchema.safeParse(value).success;',
      'export function isInitializeRequest(value) { return InitializeRequestSchema.safeParse(value).success; }',
    );
    expect(changed).not.toBe(source);
    expect(() => patchSdkGuards(changed, 'sdk/types.js')).toThrow(
      /sdk\/types\.js: expected isInitializeRequest defined once .* found it 0 times\. The SDK changed how it defines its guards: update GUARDS in scripts\/sdk-guards\.ts\./,
    );
  });
});
