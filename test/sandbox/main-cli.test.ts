/** `npm run sandbox`: starts on the given port and seed, prints the URL and key, rejects bad flags. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

function run(args: string[]) {
  const child = spawn(tsx, ['src/sandbox/main.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return { child, output: () => out };
}

describe('src/sandbox/main.ts', () => {
  it('prints the URL and a key that works, then stops on SIGTERM', async () => {
    const { child, output } = run(['--port', '0', '--seed', '11']);
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => output().includes('control:') && resolve());
        child.on('exit', () => reject(new Error(output())));
      });
      const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(output())?.[1];
      const key = /every organization\): (jca_\w+)/.exec(output())?.[1];
      expect(url).toBeDefined();
      expect(key).toBeDefined();
      const res = await fetch(`${url}/api/systemusers?limit=1`, { headers: { 'x-api-key': key! } });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  }, 30_000);

  it('rejects a bad --port with a message', async () => {
    const { child, output } = run(['--port', 'abc']);
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).not.toBe(0);
    expect(output()).toContain('--port must be an integer');
  }, 30_000);
});
