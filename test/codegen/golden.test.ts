/**
 * Golden output from tiny fixture specs, one feature each. The expected files live in
 * test/fixtures/codegen/<feature>/generated/ and are type-checked and linted with the project.
 * Refresh them after an intended change with UPDATE_GOLDEN=1 npx vitest run test/codegen/golden.test.ts
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../codegen/generate.js';
import { fixtureSpecs, fixturesDir, prettierOptions } from './fixture-specs.js';

const FEATURES: [feature: string, projectRoot: string][] = [
  ['path-parameter', '../../../../..'],
  ['query-curation', '../../../../..'],
  ['v2-filter', '../../../../..'],
  ['fixed-body', '../../../../..'],
  ['overlay', '../../../../..'],
  // The handler fixture is its own project root: it holds the hand-written handler it references.
  ['handler', '..'],
];

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return files;
  }
  for (const e of entries) {
    if (e.isFile())
      files.set(
        relative(dir, join(e.parentPath, e.name)),
        readFileSync(join(e.parentPath, e.name), 'utf8'),
      );
  }
  return files;
}

describe('generate({ specs, manifestText }) golden output', () => {
  it.each(FEATURES)('%s', async (feature, projectRoot) => {
    const dir = join(fixturesDir, feature);
    const files = await generate({
      specs: await fixtureSpecs(feature),
      manifestText: readFileSync(join(dir, 'manifest.yaml'), 'utf8'),
      prettier: await prettierOptions(),
      projectRoot,
    });
    const goldenDir = join(dir, 'generated');
    if (process.env.UPDATE_GOLDEN) {
      rmSync(goldenDir, { recursive: true, force: true });
      for (const [path, text] of files) {
        mkdirSync(dirname(join(goldenDir, path)), { recursive: true });
        writeFileSync(join(goldenDir, path), text);
      }
    }
    const golden = readTree(goldenDir);
    expect([...files.keys()].sort()).toEqual([...golden.keys()].sort());
    for (const [path, text] of files) expect(text, path).toBe(golden.get(path));
  });
});
