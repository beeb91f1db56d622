/** The words of a confirmation for a set of objects: a count, then every object. */
import { describe, expect, it } from 'vitest';
import { tools } from '../../generated/index.js';
import { JUMPCLOUD_KINDS } from '../../src/jumpcloud/kinds.js';
import type { ToolDefinition } from '../../src/registry/types.js';
import { PREVIEW_NAMED_MAX, previewResult } from '../../src/safety/confirm-text.js';

const suspend = tools.find((t) => t.name === 'user_suspend') as unknown as ToolDefinition;
const users = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'user',
    id: `5f0c1a2b3c4d5e6f7a8b${String(i).padStart(4, '0')}`,
    name: `user${i}`,
    aliases: [],
    state: [['state', 'ACTIVATED']] as Array<[string, string]>,
  }));

function preview(n: number, args: Record<string, unknown>) {
  const targets = users(n);
  const out = previewResult({
    subject: { tool: suspend, targets, args, kinds: JUMPCLOUD_KINDS },
    token: 'tok',
    expiresAt: new Date('2026-11-29T00:00:00Z'),
    ttlSeconds: 300,
  });
  return { text: (out.content[0] as { text: string }).text, targets, out };
}

describe('previewResult for a bulk call', () => {
  it('names each object with its state when the set is short', () => {
    const { text, targets } = preview(3, { ids: users(3).map((u) => u.id) });
    expect(text).toMatch(/^Action: Suspend 3 users\.$/m);
    expect(text).toMatch(/^Objects \(3 users\):$/m);
    for (const t of targets)
      expect(text).toContain(`- user "${t.name}" (id ${t.id}). Now: state: ACTIVATED`);
    // The ids are the objects, not another argument.
    expect(text).not.toMatch(/With: /);
  });

  it(`lists a long set: the first ${PREVIEW_NAMED_MAX} by name, then every other id`, () => {
    const n = PREVIEW_NAMED_MAX + 5;
    const { text, targets, out } = preview(n, { group_id: 'grp1' });
    expect(text).toMatch(new RegExp(`^Objects \\(${n} users\\):$`, 'm'));
    expect(text).toMatch(/Every member of user group grp1, as listed now/);
    for (const t of targets.slice(0, PREVIEW_NAMED_MAX)) expect(text).toContain(`"${t.name}"`);
    for (const t of targets.slice(PREVIEW_NAMED_MAX)) {
      expect(text).not.toContain(`"${t.name}"`);
      expect(text).toContain(t.id);
    }
    expect(text).toMatch(/^- and 5 more: /m);
    expect(out.structuredContent?.targets).toHaveLength(n);
  });
});
