/** Which of the server's V8 flags it sets, given node's own arguments (src/v8-flags.ts). */
import { describe, expect, it } from 'vitest';
import { V8_FLAGS, v8FlagsToSet } from '../../src/v8-flags.js';

describe('v8FlagsToSet', () => {
  it('sets every flag node was not given', () => {
    expect(V8_FLAGS).toContain('--flush-baseline-code');
    expect(V8_FLAGS).toContain('--interrupt-budget=16896');
    expect(v8FlagsToSet([])).toEqual(V8_FLAGS);
    expect(v8FlagsToSet(['--expose-gc', '--import', 'tsx', '--max-old-space-size=512'])).toEqual(
      V8_FLAGS,
    );
  });

  it('leaves a flag named on the command line, either way and in either spelling', () => {
    for (const given of [
      '--no-flush-baseline-code',
      '--noflush-baseline-code',
      '--flush-baseline-code',
      '--no_flush_baseline_code',
      '--flush_baseline_code',
    ])
      expect(v8FlagsToSet([given])).not.toContain('--flush-baseline-code');
    for (const given of ['--interrupt-budget=67584', '--interrupt_budget=8448']) {
      expect(v8FlagsToSet([given])).toEqual(['--flush-baseline-code']);
    }
  });
});
