import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { connectClient, startHost } from '../e2e/harness.js';
import type { Host } from '../e2e/harness.js';
import { CONFIRMATION_TOKEN_ARG } from '../../src/safety/index.js';

/** A client named `name`; with `answer`, it answers elicitations and keeps what it was asked. */
async function connect({
  url,
  apiKey,
  name,
  answer,
}: {
  url: string;
  apiKey: string;
  name: string;
  answer?: () => ElicitResult;
}) {
  const asked: string[] = [];
  const elicit =
    answer &&
    ((request: { params: { message: string } }) => {
      asked.push(request.params.message);
      return answer();
    });
  const { client } = await connectClient({ url, apiKey, name, elicit });
  return { client, asked };
}

const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;

describe('the real server against the sandbox organization', () => {
  let sandbox: Sandbox;
  let stateful: Host;
  let stateless: Host;

  beforeAll(async () => {
    sandbox = await startSandbox({});
    stateful = await startHost({ baseUrl: sandbox.url, stateful: true });
    stateless = await startHost({ baseUrl: sandbox.url, stateful: false });
  });
  afterAll(async () => {
    await stateful.close();
    await stateless.close();
    await sandbox.close();
    for (const line of [...stateful.logs, ...stateless.logs])
      expect(line).not.toContain(sandbox.apiKey);
  });

  const firstUser = (orgIndex = 0) => {
    const org = sandbox.org(sandbox.orgIds[orgIndex] as string);
    const user = org?.users.find((u) => !u.suspended && u.state === 'ACTIVATED');
    if (!user) throw new Error('sandbox has no active user');
    return user;
  };

  it('stateful: a destructive tool asks the human through elicitation, then acts, as jumpcloudmcp-cursor-bot', async () => {
    const { client, asked } = await connect({
      url: stateful.url,
      apiKey: sandbox.apiKey,
      name: 'Cursor',
      answer: () => ({ action: 'accept', content: { confirm: true } }),
    });
    const user = firstUser();
    sandbox.clearRequests();
    const result = await call(client, 'user_suspend', { id: user._id });
    expect(result.isError, JSON.stringify(result)).toBeFalsy();
    expect(asked).toHaveLength(1);
    const changes = sandbox.requests.filter((r) => r.method !== 'GET' && r.path.includes(user._id));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((r) => r.headers['user-agent'] === 'jumpcloudmcp-cursor-bot')).toBe(true);
    expect(
      sandbox.org(sandbox.orgIds[0] as string)?.users.find((u) => u._id === user._id)?.suspended,
    ).toBe(true);
    await client.close();
  });

  it('stateful: declining the elicitation changes nothing', async () => {
    const { client, asked } = await connect({
      url: stateful.url,
      apiKey: sandbox.apiKey,
      name: 'vscode',
      answer: () => ({ action: 'decline' }),
    });
    const user = firstUser();
    sandbox.clearRequests();
    await call(client, 'user_suspend', { id: user._id });
    expect(asked).toHaveLength(1);
    expect(sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    await client.close();
  });

  it('stateless: a destructive tool without a token answers with a preview and changes nothing', async () => {
    const { client } = await connect({
      url: stateless.url,
      apiKey: sandbox.apiKey,
      name: 'claude-ai',
    });
    const user = firstUser();
    sandbox.clearRequests();
    const result = await call(client, 'user_suspend', { id: user._id });
    expect(JSON.stringify(result)).toContain(CONFIRMATION_TOKEN_ARG);
    expect(sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    await client.close();
  });

  it('?organizationID= reaches an MSP child organization through x-org-id', async () => {
    const child = sandbox.orgIds[1] as string;
    const user = firstUser(1);
    const { client: parent } = await connect({
      url: stateless.url,
      apiKey: sandbox.apiKey,
      name: 'x',
    });
    const missing = await call(parent, 'user_get', { id: user._id });
    expect(missing.isError).toBe(true);
    await parent.close();
    const { client } = await connect({
      url: `${stateless.url}?organizationID=${child}`,
      apiKey: sandbox.apiKey,
      name: 'x',
    });
    sandbox.clearRequests();
    const found = await call(client, 'user_get', { id: user._id });
    expect(found.isError, JSON.stringify(found)).toBeFalsy();
    const first = found.content[0];
    expect(first?.type === 'text' && first.text).toContain(`_id: ${user._id}`);
    expect(sandbox.requests[0]?.headers['x-org-id']).toBe(child);
    await client.close();
  });
});
