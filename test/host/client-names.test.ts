/**
 * Stateless mode names the client that is calling in the user agent of every upstream request
 * (`jumpcloudmcp-<client>-bot`), in the logs and in the audit, also when its HTTP User-Agent says
 * only `node`: mcp-remote and the MCP Inspector send their name only in `initialize`.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { connectClient, startHost } from '../e2e/harness.js';
import type { Host } from '../e2e/harness.js';

const run = promisify(execFile);
const INSPECTOR = join(process.cwd(), 'node_modules', '.bin', 'mcp-inspector');

describe('client names in stateless mode', () => {
  let sandbox: Sandbox;
  let host: Host;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 7 });
    host = await startHost({ baseUrl: sandbox.url, stateful: false });
  });
  afterAll(async () => {
    await host.close();
    await sandbox.close();
  });

  /** The user agent of the upstream requests a tools/call made. */
  const agents = () => [...new Set(sandbox.requests.map((r) => r.headers['user-agent']))];

  it('an mcp-remote client (initialize names it, later requests say "node") is named for the client it bridges', async () => {
    const { client } = await connectClient({
      url: host.url,
      apiKey: sandbox.apiKey,
      name: 'claude-ai (via mcp-remote 0.1.29)',
      userAgent: 'node',
    });
    sandbox.clearRequests();
    const result = await client.callTool({ name: 'users_list', arguments: { limit: 2 } });
    expect(result.isError).toBeFalsy();
    expect(agents()).toEqual(['jumpcloudmcp-claude-bot']);
    const calls = host.logs.filter((line) => line.includes('"tool":"users_list"'));
    expect(calls.some((line) => line.includes('"client":"claude"'))).toBe(true);
    // A change is audited with the client's name.
    const user = sandbox.org(sandbox.orgIds[0]!)!.users[0]!;
    const unlock = await client.callTool({ name: 'user_unlock', arguments: { id: user._id } });
    expect(unlock.isError, JSON.stringify(unlock)).toBeFalsy();
    const audit = await host.audit();
    expect(audit.filter((r) => r.tool === 'user_unlock').map((r) => r.clientName)).toEqual([
      'claude',
    ]);
    await client.close();
  });

  it('the MCP Inspector CLI (a new process per call, User-Agent "node") is named inspector', async () => {
    sandbox.clearRequests();
    const { stdout } = await run(
      INSPECTOR,
      [
        '--cli',
        host.url,
        '--transport',
        'http',
        '--header',
        `Authorization: Bearer ${sandbox.apiKey}`,
        '--method',
        'tools/call',
        '--tool-name',
        'users_list',
        '--tool-arg',
        'limit=2',
      ],
      { timeout: 60_000 },
    );
    expect(stdout).toContain('results');
    expect(agents()).toEqual(['jumpcloudmcp-inspector-bot']);
  });

  it('a caller that never sent initialize, with a plain library User-Agent, is unknown', async () => {
    sandbox.clearRequests();
    const response = await fetch(host.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.apiKey}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'user-agent': 'undici',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'users_list', arguments: { limit: 1 } },
      }),
    });
    expect(response.status).toBe(200);
    expect(agents()).toEqual(['jumpcloudmcp-unknown-bot']);
  });
});
