/**
 * The announced operationId cutover: V1 and V2 merged into one console document under /api, every
 * operationId renamed. The manifest names operations by method and path, so generating from the
 * upcoming documents gives the same tools; a manifest that named legacy operationIds fails with a
 * message that lists each moved tool and how to fix it.
 */
import { describe, expect, it } from 'vitest';
import { generate, planTools } from '../../codegen/generate.js';
import { ManifestError } from '../../codegen/manifest.js';
import { cachedSpecs, prettierOptions, projectManifest } from './fixture-specs.js';

describe('generating from the upcoming console documents', () => {
  it('gives the same tool names, input schemas, handlers and server URLs', async () => {
    const manifestText = projectManifest();
    const prettier = await prettierOptions();
    const current = await generate({ specs: await cachedSpecs('current'), manifestText, prettier });
    const upcoming = await generate({
      specs: await cachedSpecs('upcoming'),
      manifestText,
      prettier,
    });
    expect([...upcoming.keys()]).toEqual([...current.keys()]);
    const changed = [...current.keys()].filter((path) => current.get(path) !== upcoming.get(path));
    // Only the typed paths change, and there only the operation names.
    expect(changed).toEqual(['openapi/insights.ts', 'openapi/v1.ts', 'openapi/v2.ts']);
    const plansNow = planTools({ specs: await cachedSpecs('current'), manifestText }).plans;
    const plansNext = planTools({ specs: await cachedSpecs('upcoming'), manifestText }).plans;
    expect(plansNext.map((p) => [p.tool.name, p.inputSchema])).toEqual(
      plansNow.map((p) => [p.tool.name, p.inputSchema]),
    );
  });

  it('fails on legacy operationIds, listing each moved tool with the fix', async () => {
    const current = await cachedSpecs('current');
    const { plans } = planTools({ specs: current, manifestText: projectManifest() });
    // The same manifest, but naming operations by their legacy operationIds.
    let legacy = projectManifest();
    const moved: string[] = [];
    for (const plan of plans) {
      const op = plan.operation;
      if (!op?.operationId || !plan.tool.operation) continue;
      legacy = legacy.replace(
        `operation: ${plan.tool.operation}\n`,
        `operation: ${op.spec} ${op.operationId}\n`,
      );
      moved.push(plan.tool.name);
    }
    expect(() => planTools({ specs: current, manifestText: legacy })).not.toThrow();
    let message = '';
    try {
      planTools({ specs: await cachedSpecs('upcoming'), manifestText: legacy });
    } catch (error) {
      expect(error).toBeInstanceOf(ManifestError);
      message = (error as ManifestError).message;
    }
    expect(moved.length).toBeGreaterThan(25);
    // admins_list's operation comes from our own overlay, which keeps its operationId in both sets.
    for (const name of moved) {
      if (name === 'admins_list') expect(message).not.toContain(`tool ${name}:`);
      else expect(message).toContain(`tool ${name}: operationId`);
    }
    expect(message).toMatch(
      /tools\.manifest\.yaml:\d+:\d+: tool user_get: operationId "systemusers_get" is not in v1: it is now "getApiSystemusersById" \(GET \/systemusers\/\{id\}\)\. Fix: write `operation: v1 GET \/systemusers\/\{id\}`/,
    );
  });
});
