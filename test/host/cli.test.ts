/**
 * `src/main.ts` as a user runs it: a bad setting, whichever it is and wherever it comes from,
 * stops the process with exit code 2 and a message naming what the user set and how to fix it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Runs the server until it exits; a clean environment plus `env`. */
async function runMain(argv: string[], env: Record<string, string> = {}) {
  const child = spawn(tsx, ['src/main.ts', '--log-level', 'silent', ...argv], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

const SECRET_ENV = 'JUMPCLOUD_MCP_CONFIRMATION_SECRET';

describe('src/main.ts with a bad setting exits 2 naming it', () => {
  const cases: Array<[string, { argv: string[]; env?: Record<string, string>; want: RegExp[] }]> = [
    [
      'an unknown toolset from the flag',
      {
        argv: ['--toolsets', 'userz'],
        want: [/--toolsets "userz"/, /unknown toolset 'userz'/, /all, admins, applications/],
      },
    ],
    [
      'an unknown toolset from the variable',
      {
        argv: [],
        env: { JUMPCLOUD_MCP_TOOLSETS: 'users,devicez' },
        want: [/JUMPCLOUD_MCP_TOOLSETS="users,devicez"/, /unknown toolset 'devicez'/],
      },
    ],
    [
      'a port that is not a number',
      { argv: ['--port', 'abc'], want: [/--port "abc"/, /e\.g\. --port 8080/] },
    ],
    [
      'a short confirmation secret, never echoed',
      {
        argv: [],
        env: { [SECRET_ENV]: 'hunter2-short' },
        want: [
          /JUMPCLOUD_MCP_CONFIRMATION_SECRET \(hidden, 13 characters\)/,
          /openssl rand -base64 48/,
        ],
      },
    ],
    [
      'production without a confirmation secret',
      {
        argv: [],
        env: { NODE_ENV: 'production' },
        want: [/JUMPCLOUD_MCP_CONFIRMATION_SECRET is required in production/, /openssl rand/],
      },
    ],
    [
      'a boolean flag with a value that is not one',
      { argv: ['--read-only=maybe'], want: [/--read-only "maybe"/, /true or false/] },
    ],
  ];
  it.each(cases)(
    '%s',
    async (_name, { argv, env, want }) => {
      const { code, stderr } = await runMain(argv, env);
      expect(code).toBe(2);
      for (const pattern of want) expect(stderr).toMatch(pattern);
      expect(stderr).not.toMatch(/hunter2/);
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    },
    60_000,
  );
});

describe('src/main.ts when it cannot listen', () => {
  it('a busy port exits 2 naming --port / JUMPCLOUD_MCP_PORT', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const fromFlag = await runMain(['--port', String(port)]);
      expect(fromFlag.code).toBe(2);
      expect(fromFlag.stderr).toMatch(new RegExp(`127\\.0\\.0\\.1:${port} is already in use`));
      expect(fromFlag.stderr).toMatch(/change --port/);
      const fromEnv = await runMain([], { JUMPCLOUD_MCP_PORT: String(port) });
      expect(fromEnv.code).toBe(2);
      expect(fromEnv.stderr).toMatch(/change JUMPCLOUD_MCP_PORT/);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('an address this machine does not have exits 2 naming --host', async () => {
    // 192.0.2.0/24 is reserved for documentation: never an address of this machine.
    const { code, stderr } = await runMain(['--host', '192.0.2.1', '--port', '0']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/192\.0\.2\.1/);
    expect(stderr).toMatch(/change --host/i);
  }, 60_000);
});

describe('src/main.ts --help', () => {
  it('lists every flag with its variable and default, and exits 0', async () => {
    const { code, stdout } = await runMain(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--port <n>\s+TCP port/);
    expect(stdout).toMatch(/default: 8080/);
    expect(stdout).toMatch(/JUMPCLOUD_MCP_PORT/);
    expect(stdout).toMatch(/JUMPCLOUD_MCP_CONFIRMATION_SECRET/);
    expect(stdout).toMatch(/JUMPCLOUD_MCP_USED_TOKEN_CACHE_SIZE/);
  }, 60_000);
});
