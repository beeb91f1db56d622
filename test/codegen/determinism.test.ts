/** Two runs give byte-identical files, and the committed generated/ is what the manifest and specs produce. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../codegen/generate.js';
import { BANNER } from '../../codegen/banner.js';
import { MARKDOWN_BANNER } from '../../codegen/emit-tools-doc.js';
import { cachedSpecs, prettierOptions, projectManifest, projectRoot } from './fixture-specs.js';

describe('generate() on the project manifest', () => {
  it('is deterministic and matches the committed generated/', async () => {
    const input = {
      specs: await cachedSpecs('current'),
      manifestText: projectManifest(),
      prettier: await prettierOptions(),
    };
    const first = await generate(input);
    const second = await generate(input);
    expect([...second.entries()]).toEqual([...first.entries()]);
    for (const [path, text] of first) {
      const banner = path.endsWith('.md') ? MARKDOWN_BANNER : BANNER;
      expect(text.startsWith(banner), `${path} opens with the banner`).toBe(true);
      expect(text, `${path} has no absolute path`).not.toContain(projectRoot);
      expect(
        readFileSync(join(projectRoot, 'generated', path), 'utf8'),
        `generated/${path} is stale`,
      ).toBe(text);
    }
  });
});
