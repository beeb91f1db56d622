/**
 * The access policy file (validated, errors with line and fix), the role table, the grant
 * combination that only narrows, and the service account's one token for many concurrent calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools as generatedTools } from '../../generated/index.js';
import { combineGrants, grantAllows } from '../../src/auth/grant.js';
import { createAccessResolver } from '../../src/auth/oauth/access.js';
import type { AdminDirectory, AdminRecord } from '../../src/auth/oauth/admin-directory.js';
import { PolicyError, parsePolicy } from '../../src/auth/policy/policy-file.js';
import { serviceAccountCredential } from '../../src/auth/service-account.js';
import type { ToolDefinition } from '../../src/registry/types.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';

const tools = generatedTools as unknown as readonly ToolDefinition[];
const parse = (text: string) => parsePolicy({ text, source: 'policy.yaml', tools });

describe('parsePolicy', () => {
  it.each([
    [
      'rules:\n  - match: { email: a@b.c }\n    toolset: [users]\n',
      "line 3: unknown field 'toolset' in rule 1; did you mean 'toolsets'?",
    ],
    [
      'rules:\n  - match: { email: a@b.c }\n    toolsets: [userz]\n',
      "line 3: rule 1: unknown toolset 'userz'. Valid toolsets:",
    ],
    [
      'rules:\n  - match: { team: x }\n',
      "line 2: rule 1 matches on 'team'; match on email, group or role.",
    ],
    ['rules:\n  - toolsets: [users]\n', 'line 2: rule 1 needs `match:`'],
    [
      'rules:\n  - match: { role: Manager }\n    organizations: [acme]\n',
      "line 3: rule 1: 'acme' is not a JumpCloud organization id",
    ],
    [
      'rules:\n  - match: { role: Manager }\n    readOnly: yes please\n',
      'line 3: rule 1: readOnly must be true or false.',
    ],
    ['rules: [\n', 'line 1: not valid YAML'],
    ['policy: []\n', "line 1: unknown top-level field 'policy'"],
  ])('reports %j with its line and fix', (text, message) => {
    expect(() => parse(text)).toThrow(PolicyError);
    expect(() => parse(text)).toThrow(message);
  });

  it('reads a valid policy', () => {
    const policy = parse(
      'rules:\n  - match: { group: contractors }\n    toolsets: [users]\n    readOnly: true\n',
    );
    expect(policy.rules).toEqual([
      { index: 1, match: { group: 'contractors' }, grant: { toolsets: ['users'], readOnly: true } },
    ]);
  });
});

describe('combineGrants', () => {
  it('allows only what every layer allows, and never more than the catalog', () => {
    const catalog = tools.filter((t) => t.toolset !== 'devices');
    const grant = combineGrants({
      catalog,
      layers: [{ toolsets: ['users', 'devices'] }, { readOnly: true }],
      role: 'test',
    });
    expect(grant.readOnly).toBe(true);
    expect(grant.tools?.length).toBeGreaterThan(0);
    for (const name of grant.tools ?? []) {
      const tool = catalog.find((t) => t.name === name)!;
      expect(tool.toolset).toBe('users');
      expect(grantAllows({ readOnly: true }, tool)).toBe(true);
    }
  });
});

function directory(admins: AdminRecord[]): AdminDirectory {
  return { find: async (email) => admins.find((a) => a.email === email) };
}

describe('access from the JumpCloud role', () => {
  const admin = (roleName: string): AdminRecord => ({
    id: '1',
    email: `${roleName.replace(/ /g, '').toLowerCase()}@example.com`,
    name: roleName,
    roleName,
    suspended: false,
  });
  const resolver = createAccessResolver({
    directory: directory(
      ['Administrator', 'Help Desk', 'Read Only', 'Command Runner', 'Custom Auditor'].map(admin),
    ),
    catalog: tools,
    policy: parse('rules:\n  - match: { group: interns }\n    toolsets: [users]\n'),
  });
  const names = async (email: string, groups: string[] = []) => {
    const result = await resolver.resolve({ email, groups });
    if (!result.ok) throw new Error(result.reason);
    return result.grant.tools ?? [];
  };

  it('gives administrators every tool, help desk the support actions, read-only the reads', async () => {
    expect(await names('administrator@example.com')).toHaveLength(tools.length);
    const helpDesk = await names('helpdesk@example.com');
    expect(helpDesk).toContain('user_unlock');
    expect(helpDesk).not.toContain('user_suspend');
    const readOnly = await names('readonly@example.com');
    expect(
      readOnly.every((name) => tools.find((t) => t.name === name)!.annotations.readOnlyHint),
    ).toBe(true);
    const runner = await names('commandrunner@example.com');
    expect(new Set(runner.map((n) => tools.find((t) => t.name === n)!.toolset))).toEqual(
      new Set(['commands', 'devices']),
    );
  });

  it('narrows by a group rule and refuses roles without access', async () => {
    const intern = await names('administrator@example.com', ['interns']);
    expect(new Set(intern.map((n) => tools.find((t) => t.name === n)!.toolset))).toEqual(
      new Set(['users']),
    );
    const custom = await resolver.resolve({ email: 'customauditor@example.com' });
    expect(custom).toMatchObject({ ok: false });
    const stranger = await resolver.resolve({ email: 'nobody@example.com' });
    expect(stranger.ok).toBe(false);
  });
});

describe('serviceAccountCredential', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({});
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('fetches one token for 50 concurrent calls and keeps the secret out of errors', async () => {
    const credential = serviceAccountCredential({
      clientId: sandbox.serviceAccount.clientId,
      clientSecret: sandbox.serviceAccount.clientSecret,
      tokenUrl: sandbox.serviceAccount.tokenUrl,
    });
    const headers = await Promise.all(Array.from({ length: 50 }, () => credential.headers()));
    expect(new Set(headers.map((h) => h.authorization)).size).toBe(1);
    expect(credential.tokenRequests).toBe(1);
    expect(sandbox.serviceAccount.tokensIssued).toBe(1);
    const wrong = serviceAccountCredential({
      clientId: sandbox.serviceAccount.clientId,
      clientSecret: 'not-the-secret-value',
      tokenUrl: sandbox.serviceAccount.tokenUrl,
    });
    const error = await wrong.headers().catch((e: Error) => e);
    expect((error as Error).message).toContain('HTTP 401');
    expect((error as Error).message).not.toContain('not-the-secret-value');
  });

  it('refreshes shortly before expiry, once', async () => {
    let now = 0;
    const credential = serviceAccountCredential({
      clientId: sandbox.serviceAccount.clientId,
      clientSecret: sandbox.serviceAccount.clientSecret,
      tokenUrl: sandbox.serviceAccount.tokenUrl,
      now: () => now,
    });
    const first = await credential.headers();
    now = 3_500_000;
    expect(await credential.headers()).toEqual(first);
    now = 3_560_000;
    await Promise.all([credential.headers(), credential.headers()]);
    expect(credential.tokenRequests).toBe(2);
  });
});
