import { describe, expect, it } from 'vitest';
import { normalizeClientName, resolveClientName } from '../../src/mcp/client-name.js';
import {
  answeredFor,
  createUpstreamError,
  parseRetryAfter,
} from '../../src/upstream/create-upstream-error.js';
import { sanitizeUpstreamMessage } from '../../src/upstream/sanitize.js';
import { resolveBaseUrls } from '../../src/upstream/base-urls.js';
import { apiKeyFingerprint } from '../../src/auth/api-key.js';
import { isOriginAllowed } from '../../src/middleware/host-and-origin.js';
import { supportsFormElicitation } from '../../src/mcp/create-mcp-server.js';
import { SessionStore } from '../../src/mcp/sessions.js';
import type { Session } from '../../src/mcp/sessions.js';
import { TEST_SERVERS } from './fixtures/tools.js';

describe('resolveClientName({ clientInfoName, userAgent })', () => {
  it.each([
    [{ clientInfoName: 'Cursor' }, 'cursor'],
    [{ clientInfoName: 'claude-ai' }, 'claude'],
    [{ clientInfoName: 'Visual Studio Code' }, 'vscode'],
    [{ clientInfoName: 'mcp-inspector' }, 'inspector'],
    [{ clientInfoName: 'claude-ai (via mcp-remote 0.1.29)' }, 'claude'],
    [{ userAgent: 'mcp-remote/0.1.29 node/20.19.0' }, 'mcp-remote'],
    [{ userAgent: 'node', clientInfoName: 'inspector-client' }, 'inspector'],
    [{ userAgent: 'Claude-User (+https://support.anthropic.com/)' }, 'claude'],
    [{ userAgent: 'openai-mcp/1.0.0 (+https://platform.openai.com/docs/mcp)' }, 'chatgpt'],
    [{ userAgent: 'RooCode/3.2' }, 'roo'],
    [{ userAgent: 'n8n' }, 'n8n'],
    [{ userAgent: 'PostmanRuntime/7.43.0' }, 'postman'],
    [{ userAgent: 'Cursor/1.7.0 (darwin arm64)' }, 'cursor'],
    [{ userAgent: 'claude-code/2.0.1' }, 'claude'],
    [{ clientInfoName: 'claude-code', userAgent: 'node' }, 'claude'],
    [{ clientInfoName: 'inspector-cli', userAgent: 'node' }, 'inspector'],
    [{ clientInfoName: 'Zed' }, 'zed'],
    [{ clientInfoName: 'goose' }, 'goose'],
    [{ clientInfoName: 'continue-client' }, 'continue'],
    [{ clientInfoName: 'windsurf-client' }, 'windsurf'],
    [{ userAgent: 'undici' }, 'unknown'],
    [{ userAgent: 'Bun/1.1.0' }, 'unknown'],
    [{ userAgent: 'MyAgent/3.1 (+https://x)' }, 'myagent'],
    [{ userAgent: 'node' }, 'unknown'],
    [{ userAgent: 'python-httpx/0.27' }, 'unknown'],
    [{ clientInfoName: '  ', userAgent: undefined }, 'unknown'],
    [{}, 'unknown'],
  ])('%j -> %s', (input, want) => {
    expect(resolveClientName(input)).toBe(want);
  });

  it('keeps names short and safe for a header', () => {
    expect(normalizeClientName('Some Very Long Client Name That Goes On/1.0')).toMatch(
      /^[a-z0-9-]{1,24}$/,
    );
    expect(normalizeClientName('evil\r\nx-header: 1')).toBe('evil');
  });
});

describe('createUpstreamError(response, body)', () => {
  it('429 says when to retry, from Retry-After seconds or date', () => {
    const error = createUpstreamError(
      new Response(null, { status: 429, headers: { 'retry-after': '30' } }),
      {},
    );
    expect(error.message).toMatch(/Retry after 30 seconds/);
    expect(error.retryAfterSeconds).toBe(30);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60);
    expect(createUpstreamError(new Response(null, { status: 429 }), {}).message).toMatch(
      /Wait about a minute/,
    );
  });

  it('4xx are not incidents; 5xx are', () => {
    expect(createUpstreamError(new Response(null, { status: 404 }), {}).isIncident).toBe(false);
    expect(createUpstreamError(new Response(null, { status: 502 }), {}).isIncident).toBe(true);
  });

  it.each([401, 403])(
    '%i for an organization (x-org-id) names the organization, not a bad key',
    (status) => {
      const org = '5f1b2c3d4e5f6a7b8c9d0e1f';
      const error = createUpstreamError(answeredFor(new Response(null, { status }), org), {});
      expect(error.message).toContain(`organization ${org}`);
      expect(error.message).not.toMatch(/did not accept the API key/);
      expect(createUpstreamError(new Response(null, { status: 401 }), {}).message).toMatch(
        /did not accept the API key/,
      );
    },
  );

  it('never passes a 5xx body through', () => {
    const error = createUpstreamError(new Response(null, { status: 500 }), {
      message: 'db password=hunter2',
    });
    expect(error.message).not.toContain('hunter2');
  });
});

describe('sanitizeUpstreamMessage(body)', () => {
  it.each([
    ['a plain message', { message: 'User not found' }, 'User not found'],
    ['a nested error message', { error: { message: 'bad email' } }, 'bad email'],
    ['an HTML page', '<html>oops</html>', undefined],
    ['a stack', { message: 'boom\n    at Object.<anonymous> (/srv/app.js:1:1)' }, 'boom'],
    ['a key', { message: 'key jca_abcdef0123456789 is invalid' }, 'key [redacted] is invalid'],
    ['a bearer token', { message: 'got Bearer abc.def' }, 'got [redacted]'],
    ['no message', { code: 7 }, undefined],
  ])('%s', (_name, body, want) => {
    expect(sanitizeUpstreamMessage(body)).toBe(want);
  });

  it('truncates long messages', () => {
    expect(sanitizeUpstreamMessage({ message: 'x '.repeat(500) })?.length).toBeLessThanOrEqual(200);
  });
});

describe('resolveBaseUrls({ servers, region, baseUrl })', () => {
  it('picks the region server, or keeps each spec path on a custom origin', () => {
    expect(resolveBaseUrls({ servers: TEST_SERVERS, region: 'eu' }).v2).toBe(
      'https://console.eu.jumpcloud.com/api/v2',
    );
    expect(
      resolveBaseUrls({ servers: TEST_SERVERS, region: 'us', baseUrl: 'http://127.0.0.1:4010/' }),
    ).toEqual({
      v1: 'http://127.0.0.1:4010/api',
      v2: 'http://127.0.0.1:4010/api/v2',
      insights: 'http://127.0.0.1:4010/insights/directory/v1',
    });
  });
});

describe('apiKeyFingerprint(key) and isOriginAllowed(policy, origin)', () => {
  it('fingerprints are stable, short and do not contain the key', () => {
    const key = 'jca_abcdefghijklmnop0123456789';
    expect(apiKeyFingerprint(key)).toBe(apiKeyFingerprint(key));
    expect(apiKeyFingerprint(key)).toMatch(/^key_[0-9a-f]{12}$/);
    expect(apiKeyFingerprint(key)).not.toBe(apiKeyFingerprint(`${key}x`));
  });

  it.each([
    [{ allowedOrigins: [], bindHost: '127.0.0.1' }, 'http://localhost:6274', true],
    [{ allowedOrigins: [], bindHost: '0.0.0.0' }, 'http://localhost:6274', false],
    [
      { allowedOrigins: ['https://app.example.com'], bindHost: '0.0.0.0' },
      'https://app.example.com',
      true,
    ],
    [{ allowedOrigins: ['*'], bindHost: '0.0.0.0' }, 'https://anything.example', true],
    [{ allowedOrigins: [], bindHost: '127.0.0.1' }, 'http://localhost.evil.example', false],
    [{ allowedOrigins: [], bindHost: '127.0.0.1' }, 'null', false],
  ])('%j allows %s: %s', (policy, origin, want) => {
    expect(isOriginAllowed({ ...policy, allowedHosts: [] }, origin)).toBe(want);
  });
});

describe('SessionStore({ cap, idleMs })', () => {
  const fakeSession = () => {
    const closed = { count: 0 };
    const session = {
      server: { close: async () => void (closed.count += 1) },
      transport: {},
      principalFingerprint: 'key_x',
    } as unknown as Session;
    return { session, closed };
  };

  it('closes a session idle longer than idleMs, and keeps one that is used', () => {
    let now = 1_000;
    const store = new SessionStore({ cap: 10, idleMs: 60_000, clock: { now: () => now } });
    const idle = fakeSession();
    const busy = fakeSession();
    store.add('idle', idle.session);
    store.add('busy', busy.session);
    now += 40_000;
    expect(store.get('busy')).toBe(busy.session);
    now += 40_000;
    expect(store.get('idle')).toBeUndefined();
    expect(idle.closed.count).toBe(1);
    expect(store.get('busy')).toBe(busy.session);
    expect(busy.closed.count).toBe(0);
    store.closeAll();
    expect(busy.closed.count).toBe(1);
  });
});

describe('supportsFormElicitation(capabilities)', () => {
  it.each([
    ['no elicitation', {}, false],
    ['an empty elicitation object (forms, before modes existed)', { elicitation: {} }, true],
    ['form mode', { elicitation: { form: {} } }, true],
    ['form and URL modes', { elicitation: { form: {}, url: {} } }, true],
    ['URL mode only', { elicitation: { url: {} } }, false],
  ])('%s', (_name, capabilities, want) => {
    expect(supportsFormElicitation(capabilities)).toBe(want);
  });
});
