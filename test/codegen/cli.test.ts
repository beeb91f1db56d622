/** The CLIs as CI runs them: `gen --check` names stale, missing and extra files; `specs-pull` guards the lock. */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../codegen/spec-lock.js';
import { projectRoot } from './fixture-specs.js';

const run = async (script: string, args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'codegen', script), ...args],
      { cwd: projectRoot },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'codegen-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gen --check', () => {
  it('passes on the committed generated/', async () => {
    const result = await run('cli.ts', ['--check']);
    expect(result.stdout).toMatch(/generated\/ is up to date/);
    expect(result.code).toBe(0);
  });

  it('fails naming each stale, missing and extra file', async () => {
    const out = join(tmp, 'generated');
    cpSync(join(projectRoot, 'generated'), out, { recursive: true });
    writeFileSync(join(out, 'tools', 'user-get.ts'), '// edited by hand\n');
    unlinkSync(join(out, 'tools', 'user-unlock.ts'));
    writeFileSync(join(out, 'tools', 'leftover.ts'), 'export {};\n');
    const result = await run('cli.ts', ['--check', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stale: +.*tools\/user-get\.ts/);
    expect(result.stderr).toMatch(/missing: +.*tools\/user-unlock\.ts/);
    expect(result.stderr).toMatch(/extra: +.*tools\/leftover\.ts/);
    expect(result.stderr).toContain('Run `npm run gen`');
  });
});

describe('specs-pull', () => {
  const specFile = 'spec.yaml';
  const setup = (content: string) => {
    const from = mkdtempSync(join(tmp, 'from-'));
    writeFileSync(join(from, specFile), content);
    const lock = join(from, 'lock.yaml');
    writeFileSync(
      lock,
      [
        'files:',
        `  - name: ${specFile}`,
        '    url: https://example.test/spec.yaml',
        '    format: openapi-3.1-yaml',
        `    sha256: ${sha256('openapi: 3.1.0\n')}`,
        'sets:',
        `  current: { v1: { file: ${specFile} }, v2: { file: ${specFile} }, insights: { file: ${specFile} } }`,
        '',
      ].join('\n'),
    );
    return { from, lock, cache: join(from, 'cache') };
  };

  it('copies a file whose hash matches the lock into the cache', async () => {
    const { from, lock, cache } = setup('openapi: 3.1.0\n');
    const result = await run('specs-pull.ts', ['--from', from, '--lock', lock, '--cache', cache]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(cache, specFile), 'utf8')).toBe('openapi: 3.1.0\n');
  });

  it('refuses a changed file unless --accept, which records the new hash', async () => {
    const { from, lock, cache } = setup('openapi: 3.1.1\n');
    const refused = await run('specs-pull.ts', ['--from', from, '--lock', lock, '--cache', cache]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /spec\.yaml: sha256 [0-9a-f]{64} does not match the lock .*--accept/,
    );
    const accepted = await run('specs-pull.ts', [
      '--from',
      from,
      '--lock',
      lock,
      '--cache',
      cache,
      '--accept',
    ]);
    expect(accepted.code).toBe(0);
    expect(readFileSync(lock, 'utf8')).toContain(`sha256: ${sha256('openapi: 3.1.1\n')}`);
  });

  it('--if-missing does nothing when the cache is complete', async () => {
    const { from, lock, cache } = setup('openapi: 3.1.0\n');
    await run('specs-pull.ts', ['--from', from, '--lock', lock, '--cache', cache]);
    writeFileSync(join(from, specFile), 'changed, but not read\n');
    const result = await run('specs-pull.ts', [
      '--if-missing',
      '--from',
      from,
      '--lock',
      lock,
      '--cache',
      cache,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
  });
});
