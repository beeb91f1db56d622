/**
 * Every changing tool's result says what happened (the object, the change, what the person will
 * notice), never "", {} or a raw record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools } from '../../generated/index.js';
import type { ResultOptions } from '../../src/mcp/result-budget.js';
import { fillResultTemplate } from '../../src/mcp/result-template.js';
import { successResult } from '../../src/mcp/tool-result.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { OrgData, Sandbox } from '../../src/sandbox/index.js';
import { sandboxDeps } from '../handlers/sandbox-deps.js';

let sandbox: Sandbox;
let org: OrgData;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
  org = sandbox.org(sandbox.orgIds[0]!)!;
});
afterAll(() => sandbox.close());

const OPTIONS: ResultOptions = { format: 'compact', budgetTokens: 12_000, outputSchemas: true };
const byName = (name: string) => tools.find((t) => t.name === name)!;

const user = () => org.users.find((u) => u.state === 'ACTIVATED')!;
const CASES: [name: string, args: () => Record<string, unknown>, want: RegExp][] = [
  [
    'user_suspend',
    () => ({ id: user()._id }),
    /^User \S+, id \w+ is suspended \(state SUSPENDED\)\. They cannot sign in/,
  ],
  [
    'user_reactivate',
    () => ({ id: user()._id }),
    /^User (\S+, )?id \w+ is reactivated.* and can sign in again\. No email was sent\.$/,
  ],
  [
    'user_unlock',
    () => ({ id: user()._id }),
    /^User (\S+, )?id \w+ is unlocked and can sign in again/,
  ],
  [
    'user_resetmfa',
    () => ({ id: user()._id }),
    /^The TOTP MFA of user (\S+, )?id \w+ is reset; they must enroll/,
  ],
  ['user_add_mfa', () => ({ id: user()._id }), /^User (\S+, )?id \w+ must now use MFA/],
  [
    'user_remove_mfa_requirement',
    () => ({ id: user()._id }),
    /^User (\S+, )?id \w+ no longer must use MFA/,
  ],
  [
    'user_force_password_reset',
    () => ({ id: user()._id }),
    /^The password of user (\S+, )?id \w+ is expired; they must set a new one/,
  ],
  [
    'user_send_reset_password_email',
    () => ({ id: user()._id }),
    /^A password reset email was sent to user (\S+, )?id \w+/,
  ],
  [
    'user_send_invitation_email',
    () => ({ id: org.users.find((u) => u.state === 'STAGED')!._id }),
    /^The activation invitation email was sent again to user (\S+, )?id \w+/,
  ],
  [
    'device_update',
    () => ({ id: org.systems[0]!._id, displayName: 'Finance laptop', allowSshRootLogin: false }),
    /^Device "Finance laptop", id \w+ is updated: display name "Finance laptop"; SSH root login false\. The agent applies/,
  ],
];

describe('write results', () => {
  it('every generated changing tool has a result sentence', () => {
    const changing = tools.filter(
      (t) =>
        !t.annotations.readOnlyHint &&
        // Tools acting on several objects say what happened per object (their own tests).
        !t.name.match(/^device_(lock|restart|shutdown|erase)$|members_update$|access_update$/),
    );
    expect(changing.map((t) => t.name).sort()).toEqual(CASES.map(([n]) => n).sort());
    for (const tool of changing) expect(tool.result).toEqual(expect.any(String));
  });

  it.each(CASES)('%s', async (name, makeArgs, want) => {
    const tool = byName(name);
    const args = makeArgs();
    const data = await tool.handler(tool.input.parse(args), sandboxDeps(sandbox));
    const result = successResult({ data, tool, args, options: OPTIONS });
    expect(result.content).toHaveLength(1);
    const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
    expect(text).toMatch(want);
    expect(text).toContain(String(args.id));
    expect(text).not.toMatch(/[{}]|\?|undefined|null/);
    expect(result.structuredContent).toBeUndefined();
  });
});

describe('fillResultTemplate({ template, args, data })', () => {
  it.each([
    ['User [{data.username}, ]id {args.id} done.', { id: 'u1' }, '', 'User id u1 done.'],
    [
      'User [{data.username}, ]id {args.id} done.',
      { id: 'u1' },
      { username: 'ada' },
      'User ada, id u1 done.',
    ],
    ['Set[ a {args.a}][; b {args.b}].', { b: false }, {}, 'Set; b false.'],
    ['Id {args.id}.', {}, {}, 'Id ?.'],
  ] as const)('%s', (template, args, data, want) => {
    expect(fillResultTemplate({ template, args, data })).toBe(want);
  });
});
