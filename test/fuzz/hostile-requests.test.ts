/**
 * Requests no well-behaved client sends, posted raw to the real server over HTTP with the sandbox
 * as JumpCloud: each gets a clear error that names what is wrong, nothing reaches JumpCloud, and
 * the server keeps serving.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startE2e } from '../e2e/harness.js';
import type { E2e, RawAnswer } from '../e2e/harness.js';
import { requiredArguments, STRING_ARGUMENTS, TOOLS } from './tool-schemas.js';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
  // The first request of a key checks it upstream once; what follows is counted from a clean log.
  await e2e.post('{"jsonrpc":"2.0","id":0,"method":"ping"}');
});
afterAll(() => e2e?.close());
beforeEach(() => e2e.sandbox.clearRequests());

const byName = new Map(TOOLS.map((tool) => [tool.name, tool]));
const required = (name: string) => requiredArguments(byName.get(name)!);

/** A tools/call message whose `arguments` member is `argumentsJson`, verbatim. */
const callText = (name: string, argumentsJson: string, id = 1) =>
  `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":${JSON.stringify(name)},"arguments":${argumentsJson}}}`;

interface Answered {
  result?: { isError?: boolean; content: Array<{ type: string; text?: string }> };
  error?: { code: number; message: string };
}

/** The tool result of a 200 answer; fails the test on a JSON-RPC error. */
function resultOf(answer: RawAnswer) {
  expect(answer.status).toBe(200);
  const body = answer.body as Answered;
  expect(body.error, JSON.stringify(body.error)).toBeUndefined();
  const result = body.result!;
  return { isError: result.isError, text: result.content.map((c) => c.text ?? '').join('\n') };
}

async function expectServing() {
  const answer = await e2e.post(callText('users_list', '{"limit":1}'));
  expect(resultOf(answer).isError).toBeFalsy();
}

describe('a lone UTF-16 surrogate in a string argument', () => {
  it.each(STRING_ARGUMENTS)(
    '%s with %s = "\\ud800": an error naming the argument, nothing sent',
    async (name, argument) => {
      // JSON.stringify writes a lone surrogate as the escape \ud800, as a client would.
      const args = JSON.stringify({ ...required(name), [argument]: 'abc\ud800' });
      const { isError, text } = resultOf(await e2e.post(callText(name, args)));
      expect(isError).toBe(true);
      expect(text).toContain(`"${argument}"`);
      expect(text).toMatch(/lone UTF-16 surrogate/);
      expect(e2e.sandbox.requests).toEqual([]);
    },
  );

  it('in an argument name too', async () => {
    const { isError, text } = resultOf(await e2e.post(callText('users_list', '{"\\udc00x":1}')));
    expect(isError).toBe(true);
    expect(text).toMatch(/lone UTF-16 surrogate/);
    expect(e2e.sandbox.requests).toEqual([]);
  });
});

describe('arguments that are not an object', () => {
  it.each([
    ['null', 'null'],
    ['a string', '"id"'],
    ['a number', '1'],
    ['a boolean', 'true'],
    ['an empty array', '[]'],
    ['an array', '[{"id":"5f0000000000000000000000"}]'],
  ])('%s: -32602 naming "arguments", nothing sent', async (_name, argumentsJson) => {
    const answer = await e2e.post(callText('user_get', argumentsJson));
    expect(answer.status).toBe(200);
    const { error } = answer.body as Answered;
    expect(error?.code).toBe(-32602);
    expect(error?.message).toMatch(/"arguments" of user_get must be a JSON object/);
    expect(e2e.sandbox.requests).toEqual([]);
    await expectServing();
  });
});

describe('argument names that are prototype machinery', () => {
  it.each([
    ['users_list', '{"constructor":1}', 'constructor'],
    ['users_list', '{"constructor":null}', 'constructor'],
    ['users_list', '{"__proto__":{"limit":1}}', '__proto__'],
    ['users_list', '{"__proto__":null}', '__proto__'],
    ['user_get', '{"id":"5f0000000000000000000000","prototype":{}}', 'prototype'],
    ['user_get', '{"id":"5f0000000000000000000000","__proto__":{"id":"x"}}', '__proto__'],
  ])('%s %s: refused as an unknown argument, nothing sent', async (name, argumentsJson, key) => {
    const { isError, text } = resultOf(await e2e.post(callText(name, argumentsJson)));
    expect(isError).toBe(true);
    expect(text).toContain(`unknown argument(s): '${key}'`);
    expect(e2e.sandbox.requests).toEqual([]);
  });

  it('nested inside an argument value', async () => {
    const args = '{"service":["all"],"start_time":"24h","search_after":[{"constructor":null}]}';
    const { isError, text } = resultOf(await e2e.post(callText('di_events_get', args)));
    expect(isError).toBe(true);
    expect(text).toContain('"search_after[0]" has a key \'constructor\'');
    expect(e2e.sandbox.requests).toEqual([]);
  });
});

describe('deep nesting', () => {
  it('search_after nested 5,000 levels: an error naming it, nothing sent, still serving', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const args = `{"service":["all"],"start_time":"24h","search_after":${deep}}`;
    const answer = await e2e.post(callText('di_events_get', args));
    expect(answer.status).toBe(400);
    const { error } = answer.body as Answered;
    expect(error?.code).toBe(-32602);
    expect(error?.message).toMatch(/params\.arguments\.search_after.* more than 64 levels deep/);
    expect(e2e.sandbox.requests).toEqual([]);
    await expectServing();
  });

  it('nesting within the limit is served', async () => {
    const nested = `${'['.repeat(20)}"x"${']'.repeat(20)}`;
    const args = `{"service":["all"],"start_time":"24h","limit":1,"search_after":${nested}}`;
    const { text } = resultOf(await e2e.post(callText('di_events_get', args)));
    expect(text).not.toMatch(/levels deep/);
  });
});

describe('JSON-RPC batches', () => {
  const batch = (size: number) =>
    `[${Array.from({ length: size }, (_, i) => callText('users_list', '{"limit":1}', i + 1)).join(',')}]`;

  it.each(['2025-06-18', '2025-11-25'])(
    'are refused under protocol revision %s, which removed them; nothing sent',
    async (version) => {
      const answer = await e2e.post(batch(2), { 'mcp-protocol-version': version });
      expect(answer.status).toBe(400);
      const { error } = answer.body as Answered;
      expect(error?.code).toBe(-32600);
      expect(error?.message).toMatch(
        new RegExp(`batch.*not part of MCP protocol revision ${version}.*one JSON-RPC message per`),
      );
      expect(e2e.sandbox.requests).toEqual([]);
    },
  );

  it.each([
    ['without a protocol version header', {}],
    ['under 2025-03-26', { 'mcp-protocol-version': '2025-03-26' }],
  ])('of more than 10 messages are refused %s; nothing sent', async (_name, headers) => {
    const answer = await e2e.post(batch(11), headers);
    expect(answer.status).toBe(400);
    const { error } = answer.body as Answered;
    expect(error?.code).toBe(-32600);
    expect(error?.message).toMatch(/11 messages; this server takes at most 10/);
    expect(e2e.sandbox.requests).toEqual([]);
  });

  it('that are empty are refused', async () => {
    const answer = await e2e.post('[]', { 'mcp-protocol-version': '2025-03-26' });
    expect(answer.status).toBe(400);
    expect((answer.body as Answered).error?.message).toMatch(/empty batch/);
  });

  it('of up to 10 messages are served under 2025-03-26', async () => {
    const answer = await e2e.post(batch(3), { 'mcp-protocol-version': '2025-03-26' });
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(3);
    expect(e2e.sandbox.requests).toHaveLength(3);
  });
});
