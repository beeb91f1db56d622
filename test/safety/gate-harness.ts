/**
 * The gate's test harness: a JumpCloud stand-in on 127.0.0.1 (the network edge), an in-memory
 * audit log and a fixed clock, reset before each test, and a call that does what a host does.
 * Importing it registers the hooks in the importing test file.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { CallContext } from '../../src/registry/types.js';
import { JUMPCLOUD_KINDS } from '../../src/jumpcloud/kinds.js';
import { createSafety } from '../../src/safety/index.js';
import type { UsedTokenStore } from '../../src/store/types.js';
import { loadConfig } from '../../src/config.js';
import type { SafetyConfig } from '../../src/config.js';
import type { Elicit, Safety, Selection } from '../../src/safety/index.js';
import { createApi, depsFor, memoryLogger, startUpstream, TOOLS, toolNamed } from './fixtures.js';
import type { MemoryLog, TestApi, Upstream } from './fixtures.js';

export const SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export let upstream: Upstream;
export let api: TestApi;
export let audit: MemoryLog;
let clock: number;

/** Moves the clock the confirmation tokens see. */
export function advanceClock(ms: number): void {
  clock += ms;
}

beforeAll(async () => {
  upstream = await startUpstream();
  api = createApi(upstream.url);
});
afterAll(() => upstream.close());
beforeEach(() => {
  upstream.requests.length = 0;
  audit = memoryLogger();
  clock = Date.parse('2026-11-24T01:00:00Z');
});

/** The safety layer with the defaults of the settings table, the test secret and `config`. */
export function safetyWith({
  usedTokens,
  ...config
}: Partial<SafetyConfig> & { usedTokens?: UsedTokenStore } = {}): Safety {
  return createSafety({
    config: { ...loadConfig({ env: {} }).safety, confirmationSecret: SECRET, ...config },
    tools: TOOLS,
    kinds: JUMPCLOUD_KINDS,
    usedTokens,
    auditLogger: audit.logger,
    nodeEnv: 'production',
    now: () => clock,
  });
}

export interface Call {
  tool: string;
  args: Record<string, unknown>;
  ctx?: Partial<CallContext>;
  elicit?: Elicit;
  selection?: Selection;
}

/** What a host does: validate, gate, run the handler if allowed, report the outcome. */
export async function call(safety: Safety, { tool: name, args, ctx, elicit, selection }: Call) {
  const tool = toolNamed(name);
  const parsed = tool.input.parse(args) as Record<string, unknown>;
  const deps = depsFor(api, ctx);
  const decision = await safety.gate({ tool, args: parsed, deps, elicit, selection });
  if (decision.action === 'respond')
    return { executed: false, result: decision.result, handlerArgs: undefined };
  try {
    const data = await tool.handler(decision.args, deps);
    decision.done({ ok: true, result: data });
    return {
      executed: true,
      result: { content: [{ type: 'text', text: JSON.stringify(data) }] } as CallToolResult,
      handlerArgs: decision.args,
    };
  } catch (error) {
    decision.done({ ok: false, error: (error as Error).message });
    return {
      executed: false,
      result: {
        content: [{ type: 'text', text: (error as Error).message }],
        isError: true,
      } as CallToolResult,
      handlerArgs: decision.args,
    };
  }
}

export function text(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

export function tokenIn(result: CallToolResult): string {
  const match = /"confirmation_token": "([^"]+)"/.exec(text(result));
  if (!match?.[1]) throw new Error(`no token in: ${text(result)}`);
  return match[1];
}

export const erase = (id = 'dev1') => ({ tool: 'device_erase', args: { id } });
export const eraseMutations = () =>
  upstream.mutations().filter((r) => r.path.endsWith('/command/builtin/erase'));
