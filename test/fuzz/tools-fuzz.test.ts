/**
 * Every tool of the registry, called with generated hostile arguments (seeded, repeatable) through
 * the /v1 request path in process, with the sandbox as JumpCloud. For every call: no internal error
 * (-32603); a refusal names the argument it is about and sends nothing upstream; a destructive tool
 * never changes anything (no call carries a valid confirmation token).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { OrgData, Sandbox } from '../../src/sandbox/index.js';
import { hostileCall } from './hostile-arguments.js';
import type { HostileCall, IdPool } from './hostile-arguments.js';
import { startInProcessServer } from './in-process-server.js';
import type { InProcessServer } from './in-process-server.js';
import { TOOLS } from './tool-schemas.js';

/** Change the seed to explore other inputs; a failure prints the seed and path to replay it. */
const SEED = 20260515;
const RUNS_PER_TOOL = 300;

let sandbox: Sandbox;
let server: InProcessServer;
let pool: IdPool;
let id = 0;
const tally = { calls: 0, refused: 0, protocolErrors: 0, upstreamAnswered: 0, ok: 0 };

beforeAll(async () => {
  sandbox = await startSandbox({});
  server = startInProcessServer({ sandbox });
  const org = sandbox.org(sandbox.orgIds[0]!) as OrgData;
  pool = {
    ids: [
      ...org.users.slice(0, 5).map((u) => u._id),
      ...org.systems.slice(0, 5).map((s) => s._id),
      ...org.userGroups.slice(0, 2).map((g) => g.id),
      ...org.systemGroups.slice(0, 2).map((g) => g.id),
      ...org.commands.slice(0, 2).map((c) => c._id),
    ].map(String),
  };
});
afterAll(async () => {
  await sandbox?.close();
  console.info(`hostile calls: ${JSON.stringify(tally)}`);
  // Every call is accounted for, and the run did refuse and answer: the generators reach both.
  expect(tally.calls).toBe(TOOLS.length * RUNS_PER_TOOL);
  expect(tally.refused).toBeGreaterThan(tally.calls / 2);
  expect(tally.upstreamAnswered + tally.ok).toBeGreaterThan(0);
  expect(server.problems.filter((line) => /"level":50/.test(line))).toEqual([]);
});

interface Answered {
  result?: { isError?: boolean; content: Array<{ type: string; text?: string }> };
  error?: { code: number; message: string };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The text names one of the targets: as a word, or quoted (a name may hold any character). */
const names = (text: string, targets: readonly string[]) =>
  targets.length === 0 ||
  targets.some(
    (target) =>
      text.includes(`"${target}`) ||
      text.includes(`'${target}'`) ||
      new RegExp(`(^|[^\\w])${escape(target)}($|[^\\w])`, 'u').test(text),
  );

/** A refusal names the argument that was changed, or the argument it found at fault first. */
const namesAnArgument = (text: string, toolName: string, call: HostileCall) =>
  names(text, call.targets) ||
  names(text, Object.keys(TOOLS.find((t) => t.name === toolName)?.inputSchema.properties ?? {}));

async function check(toolName: string, destructive: boolean, call: HostileCall) {
  const message =
    call.argumentsJson === undefined
      ? `{"jsonrpc":"2.0","id":${++id},"method":"tools/call","params":{"name":"${toolName}"}}`
      : `{"jsonrpc":"2.0","id":${++id},"method":"tools/call","params":{"name":"${toolName}","arguments":${call.argumentsJson}}}`;
  const before = server.sent.length;
  const answer = await server.post(message);
  const sent = server.sent.slice(before);
  const context = `${toolName}, ${call.mutation}: ${JSON.stringify(answer.body).slice(0, 400)}`;
  tally.calls += 1;

  if (destructive)
    expect(
      sent.filter((r) => r.method !== 'GET'),
      context,
    ).toEqual([]);
  const body = answer.body as Answered;
  if (body.error) {
    tally.protocolErrors += 1;
    expect(body.error.code, context).not.toBe(-32603);
    expect(answer.status, context).toBeLessThan(500);
    expect(namesAnArgument(body.error.message, toolName, call), context).toBe(true);
    expect(sent, context).toEqual([]);
    return;
  }
  expect(answer.status, context).toBe(200);
  const result = body.result!;
  const text = result.content.map((c) => c.text ?? '').join('\n');
  if (!result.isError) tally.ok += 1;
  else if (sent.length > 0) tally.upstreamAnswered += 1;
  else {
    tally.refused += 1;
    expect(namesAnArgument(text, toolName, call), context).toBe(true);
  }
}

describe(`${RUNS_PER_TOOL} hostile calls of every tool`, () => {
  it.each(TOOLS.map((tool, index) => [tool.name, tool, index] as const))(
    '%s',
    async (_name, tool, index) => {
      await fc.assert(
        fc.asyncProperty(hostileCall(tool, pool), (call) =>
          check(tool.name, tool.annotations.destructiveHint, call),
        ),
        { seed: SEED + index, numRuns: RUNS_PER_TOOL, endOnFailure: true },
      );
    },
  );
});
