import { describe, expect, it } from 'vitest';
import { README_BEGIN, README_END, spliceToolList } from '../../codegen/readme-tools.js';

const toolsDoc = [
  '<!-- generated banner -->',
  '',
  '# Tools',
  '',
  '## users',
  '',
  '- `user_get` (read-only): Get one user.',
  '',
].join('\n');

describe('spliceToolList(readme, toolsDoc)', () => {
  it('replaces what stands between the markers and demotes the headings one level', () => {
    const readme = `# App\n\n${README_BEGIN}\nold list\n${README_END}\n\n## After\n`;
    const out = spliceToolList(readme, toolsDoc);
    expect(out).toBe(
      `# App\n\n${README_BEGIN}\n\n### users\n\n- \`user_get\` (read-only): Get one user.\n\n${README_END}\n\n## After\n`,
    );
  });

  it('is stable: splicing twice gives the same text', () => {
    const readme = `${README_BEGIN}\n${README_END}\n`;
    const once = spliceToolList(readme, toolsDoc);
    expect(spliceToolList(once, toolsDoc)).toBe(once);
  });

  it('names the markers to add when the README has none', () => {
    expect(() => spliceToolList('# App\n', toolsDoc)).toThrow(/Add the two lines/);
  });
});
