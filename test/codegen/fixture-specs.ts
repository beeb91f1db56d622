/** Spec sets for codegen tests: tiny fixtures, and the real cached JumpCloud specs. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveConfig, type Options } from 'prettier';
import { parse } from 'yaml';
import { buildView, loadSpecSet, type SpecSet } from '../../codegen/load-specs.js';
import type { OpenApiDoc } from '../../codegen/openapi-types.js';
import { readSpecLock } from '../../codegen/spec-lock.js';

export const projectRoot = resolve(import.meta.dirname, '..', '..');
export const fixturesDir = join(projectRoot, 'test', 'fixtures', 'codegen');

/** The fixture's spec as `v1` (with its overlay.yaml applied), empty documents as `v2` and `insights`. */
export async function fixtureSpecs(name: string): Promise<SpecSet> {
  const dir = join(fixturesDir, name);
  const overlayPath = join(dir, 'overlay.yaml');
  const overlays = existsSync(overlayPath)
    ? [{ name: 'overlay.yaml', text: readFileSync(overlayPath, 'utf8') }]
    : [];
  const doc = parse(readFileSync(join(dir, 'spec.yaml'), 'utf8')) as OpenApiDoc;
  const empty = () =>
    parse(readFileSync(join(fixturesDir, 'empty-spec.yaml'), 'utf8')) as OpenApiDoc;
  return { v1: await buildView({ doc, view: {}, overlays }), v2: empty(), insights: empty() };
}

const loaded = new Map<string, Promise<SpecSet>>();

/** A spec set from specs/lock.yaml, read from specs/.cache (fill it with `npm run specs:pull`). */
export function cachedSpecs(setName: 'current' | 'upcoming'): Promise<SpecSet> {
  let set = loaded.get(setName);
  if (!set) {
    set = loadSpecSet({
      lock: readSpecLock(join(projectRoot, 'specs', 'lock.yaml')),
      setName,
      cacheDir: join(projectRoot, 'specs', '.cache'),
      overlayDir: join(projectRoot, 'specs', 'overlays'),
    });
    loaded.set(setName, set);
  }
  return set;
}

export function projectManifest(): string {
  return readFileSync(join(projectRoot, 'tools.manifest.yaml'), 'utf8');
}

export async function prettierOptions(): Promise<Options> {
  return (await resolveConfig(join(projectRoot, 'generated', 'index.ts'))) ?? {};
}
