import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planTools } from '../../codegen/generate.js';
import { readHandlerExports } from '../../codegen/handler-exports.js';
import { ManifestError } from '../../codegen/manifest.js';
import { fixtureSpecs } from './fixture-specs.js';

const root = resolve(import.meta.dirname, '../..');
const fixtureManifest = readFileSync(
  join(root, 'test/fixtures/codegen/handler/manifest.yaml'),
  'utf8',
);

/** A project root holding one handler module with the given source. */
function projectWith(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'handler-exports-'));
  mkdirSync(join(dir, 'src/handlers'), { recursive: true });
  writeFileSync(join(dir, 'src/handlers/things-count.ts'), source);
  made.push(dir);
  return dir;
}
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function plan(projectRoot: string, manifestText = fixtureManifest) {
  const specs = await fixtureSpecs('handler');
  return planTools({ specs, manifestText, handlerExports: readHandlerExports(projectRoot) });
}

/** The plan of the fixture's one tool, which a module exporting thingsCount lets through. */
const accepted = { plans: [{ tool: { name: 'things_count' } }] };

describe('handler: references checked against the handler modules', () => {
  it('accepts an exported function and an exported const', async () => {
    await expect(
      plan(projectWith('export async function thingsCount() { return 1; }\n')),
    ).resolves.toMatchObject(accepted);
    await expect(
      plan(projectWith('export const thingsCount = async () => 1;\n')),
    ).resolves.toMatchObject(accepted);
  });

  it('accepts a function exported by an export list, under its own name or an alias', async () => {
    await expect(
      plan(projectWith('async function thingsCount() { return 1; }\nexport { thingsCount };\n')),
    ).resolves.toMatchObject(accepted);
    await expect(
      plan(projectWith('async function count() { return 1; }\nexport { count as thingsCount };\n')),
    ).resolves.toMatchObject(accepted);
    const error = await plan(
      projectWith('async function thingsCount() {}\nexport { thingsCount as thingsTotal };\n'),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /has no export thingsCount \(it exports thingsTotal\)/,
    );
  });

  it('names the manifest line and what the module does export when the export is missing', async () => {
    const error = await plan(
      projectWith('export const thingsTotal = 1;\nasync function thingsCount() {}\n'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as Error).message).toMatch(
      /:4:14: tool things_count: src\/handlers\/things-count\.ts has no export thingsCount \(it exports thingsTotal\)\. Fix: export it, or correct the name\./,
    );
  });

  it('says so when the module does not exist', async () => {
    const error = await plan(mkdtempSync(join(tmpdir(), 'handler-exports-empty-'))).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(
      /tool things_count: src\/handlers\/things-count\.ts does not exist\. Fix: create it, or correct the path\./,
    );
  });

  it('finds every handler the real manifest references', async () => {
    const exports = readHandlerExports(root);
    const manifest = readFileSync(join(root, 'tools.manifest.yaml'), 'utf8');
    const references = [...manifest.matchAll(/handler: (src\/handlers\/[\w-]+\.ts)#(\w+)/g)];
    expect(references.length).toBeGreaterThan(4);
    for (const [, file, name] of references) expect(exports(file!)?.has(name!)).toBe(true);
  });
});
