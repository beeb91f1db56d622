import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY } from './fixtures/constants.js';
import { startHost } from '../e2e/harness.js';
import type { Host } from '../e2e/harness.js';
import { startFakeUpstream } from './fixtures/upstream.js';
import type { FakeUpstream } from './fixtures/upstream.js';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'node_modules', '.bin', 'mcp-inspector');

describe('MCP Inspector 1.0.3 CLI against the real server', () => {
  let upstream: FakeUpstream;
  let server: Host;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    server = await startHost({ baseUrl: upstream.origin, stateful: false });
  });
  afterAll(async () => {
    await server.close();
    await upstream.close();
  });

  const inspect = async (...args: string[]) => {
    const { stdout } = await run(
      BIN,
      [
        '--cli',
        server.url,
        '--transport',
        'http',
        '--header',
        `Authorization: Bearer ${API_KEY}`,
        ...args,
      ],
      { timeout: 60_000 },
    );
    return JSON.parse(stdout.slice(stdout.indexOf('{'))) as Record<string, unknown>;
  };

  it('--method tools/list lists the generated tools', async () => {
    const listed = (await inspect('--method', 'tools/list')) as { tools: { name: string }[] };
    const names = listed.tools.map((tool) => tool.name);
    expect(names).toContain('user_get');
    expect(names).toContain('device_lock');
  });

  it('--method tools/call calls user_get through to the upstream', async () => {
    const before = upstream.requests.length;
    const result = (await inspect(
      '--method',
      'tools/call',
      '--tool-name',
      'user_get',
      '--tool-arg',
      'id=5f1b2c3d4e5f6a7b8c9d0e1f',
    )) as {
      isError?: boolean;
      content: { type: string; text: string }[];
    };
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(result.content[0]!.text)).toMatchObject({ username: 'ada' });
    const sent = upstream.requests.slice(before);
    expect(sent.map((request) => request.url)).toEqual([
      '/api/systemusers/5f1b2c3d4e5f6a7b8c9d0e1f',
    ]);
    expect(sent[0]?.headers['user-agent']).toMatch(/^jumpcloudmcp-[a-z0-9-]+-bot$/);
  });
});
