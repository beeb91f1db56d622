/** The user agent object Directory Insights events carry. */
import { describe, expect, it } from 'vitest';
import { parseUserAgent } from '../../src/sandbox/insights/make-event.js';

describe('parseUserAgent(raw)', () => {
  it.each([
    [
      'jumpcloudmcp-cursor-bot/1.2.3',
      { name: 'jumpcloudmcp-cursor-bot', major: '1', minor: '2', patch: '3', os: 'Other' },
    ],
    ['jumpcloudmcp-claude-bot', { name: 'jumpcloudmcp-claude-bot', major: '', os: 'Other' }],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      { name: 'Chrome', major: '131', os: 'Mac OS X' },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0',
      { name: 'Firefox', major: '132', os: 'Windows' },
    ],
    ['', { name: 'Other' }],
  ])('%s', (raw, want) => {
    expect(parseUserAgent(raw)).toMatchObject(want);
  });
});
