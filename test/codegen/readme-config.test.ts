import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_BEGIN,
  CONFIG_END,
  configTable,
  spliceConfigTable,
} from '../../codegen/readme-config.js';
import { projectRoot } from './fixture-specs.js';

const TABLE = '| Flag | Env |\n| --- | --- |\n| `--port` | `JUMPCLOUD_MCP_PORT` |\n';

describe('spliceConfigTable(readme, table)', () => {
  it('replaces what stands between the markers', () => {
    const readme = `# App\n\n${CONFIG_BEGIN}\nold table\n${CONFIG_END}\n\n## After\n`;
    expect(spliceConfigTable(readme, TABLE)).toBe(
      `# App\n\n${CONFIG_BEGIN}\n\n${TABLE.trim()}\n\n${CONFIG_END}\n\n## After\n`,
    );
  });

  it('is stable: splicing twice gives the same text', () => {
    const once = spliceConfigTable(`${CONFIG_BEGIN}\n${CONFIG_END}\n`, TABLE);
    expect(spliceConfigTable(once, TABLE)).toBe(once);
  });

  it('names the markers to add when the README has none', () => {
    expect(() => spliceConfigTable('# App\n', TABLE)).toThrow(/Add the two lines/);
  });
});

describe('README.md', () => {
  it('carries the configuration table of src/config/settings.ts', async () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const prettier = (await resolveConfig(join(projectRoot, 'README.md'))) ?? {};
    expect(spliceConfigTable(readme, await configTable(prettier))).toBe(readme);
  });

  it('gen --check fails naming the configuration table when it is stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readme-config-'));
    try {
      const stale = join(dir, 'README.md');
      const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
      writeFileSync(stale, readme.replace('| `--port`', '| `--prot`'));
      const result = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(projectRoot, 'codegen', 'cli.ts'), '--check', '--readme', stale],
        { cwd: projectRoot },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/stale: +.*README\.md \(configuration table\)/);
      expect(result.stderr).toContain('Run `npm run gen`');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
