/**
 * bench/lean-client.ts: the lean Streamable HTTP clients of `bench/peers.ts --clients lean` make
 * the calls the SDK's clients make, against this server in both modes (answers as JSON, and as an
 * SSE stream on the POST) and against a server that answers on the session's GET stream after a 202
 * and sends that stream's head only with its first event, as the generic proxy of section 7 does.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { openClientPool } from '../../bench/client-load.js';
import { openLeanClientPool, SseMessages } from '../../bench/lean-client.js';
import type { OrgData } from '../../src/sandbox/index.js';
import { startE2e } from '../e2e/harness.js';
import type { E2e } from '../e2e/harness.js';

describe('SseMessages', () => {
  it('reads the JSON of each event, however the stream is cut', () => {
    const seen: unknown[] = [];
    const events = new SseMessages((message) => seen.push(message));
    const stream =
      ': a comment\n\nevent: message\nid: 1\ndata: {"jsonrpc":"2.0","id":1,\r\ndata: "result":{}}\r\n\r\n' +
      'data:{"jsonrpc":"2.0","id":2,"result":{"a":1}}\n\n';
    for (let at = 0; at < stream.length; at += 7) events.push(stream.slice(at, at + 7));
    expect(seen).toEqual([
      { jsonrpc: '2.0', id: 1, result: {} },
      { jsonrpc: '2.0', id: 2, result: { a: 1 } },
    ]);
  });

  it('keeps an event that has not ended for the next chunk', () => {
    const seen: unknown[] = [];
    const events = new SseMessages((message) => seen.push(message));
    events.push('data: {"id":3}\n');
    expect(seen).toEqual([]);
    events.push('\n');
    expect(seen).toEqual([{ id: 3 }]);
  });
});

describe.each([
  ['stateless (answers as JSON)', [] as string[]],
  ['stateful (answers as an SSE stream on the POST)', ['--stateful']],
])('against this server, %s', (_mode, argv) => {
  let e2e: E2e;
  let userId: string;

  beforeAll(async () => {
    e2e = await startE2e({ argv: () => argv });
    const org = e2e.sandbox.org(e2e.sandbox.orgIds[0] as string) as OrgData;
    userId = org.users[0]!._id;
  });
  afterAll(() => e2e?.close());

  it('makes the calls the SDK client makes, and gets the same result', async () => {
    const client = await e2e.connect();
    const expected = (await e2e.ok(client, 'user_get', { id: userId })) as CallToolResult;
    const pool = await openLeanClientPool({
      target: {
        url: e2e.url,
        headers: { authorization: `Bearer ${e2e.sandbox.apiKey}` },
        tool: 'user_get',
        args: { id: userId },
      },
      connections: 2,
    });
    try {
      const run = await pool.run({ seconds: 30, maxRequests: 6 });
      expect(run.failures).toBe(0);
      expect(run.requests).toBeGreaterThanOrEqual(6);
      expect(run.bytesPerResponse).toBe(JSON.stringify(expected).length);
      const listed = await openLeanClientPool({
        target: { url: e2e.url, headers: { authorization: `Bearer ${e2e.sandbox.apiKey}` } },
        connections: 1,
      });
      expect((await listed.run({ seconds: 30, maxRequests: 2 })).failures).toBe(0);
      await listed.close();
    } finally {
      await pool.close();
    }
  });

  it('fails a run whose calls answer errors, with the tool error', async () => {
    const pool = await openLeanClientPool({
      target: {
        url: e2e.url,
        headers: { authorization: `Bearer ${e2e.sandbox.apiKey}` },
        tool: 'user_get',
        args: { id: '0123456789abcdef01234567' },
      },
      connections: 1,
    });
    try {
      await expect(pool.run({ seconds: 30, maxRequests: 3 })).rejects.toThrow(
        /user_get answered an error: /,
      );
    } finally {
      await pool.close();
    }
  });
});

/**
 * A server with sessions that accepts every request with a 202 and answers it on the session's
 * GET stream, whose head goes out only with its first event. With `takeStreamAfterMs`, the GET
 * stream is taken in that long after it arrives, and with `dropEarly` an answer sent before then is
 * lost, as the generic proxy of section 7 loses it on a busy machine.
 */
async function streamOnlyServer({ takeStreamAfterMs = 0, dropEarly = false } = {}) {
  let stream: ServerResponse | undefined;
  const early: string[] = [];
  const send = (message: unknown) => {
    const event = `event: message\ndata: ${JSON.stringify(message)}\n\n`;
    if (stream) stream.write(event);
    else if (!dropEarly) early.push(event);
  };
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      id?: number;
      method: string;
      params?: { name?: string };
    };
  };
  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.statusCode = 200;
      res.setHeader('content-type', 'text/event-stream');
      setTimeout(() => {
        stream = res;
        for (const event of early.splice(0)) res.write(event);
      }, takeStreamAfterMs);
      return;
    }
    if (req.method === 'DELETE') {
      res.writeHead(200).end();
      return;
    }
    void read(req).then((message) => {
      if (message.method === 'initialize') {
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's-1' });
        res.end(
          JSON.stringify({
            jsonrpc: '2.0',
            id: message.id,
            result: {
              protocolVersion: '2025-06-18',
              capabilities: {},
              serverInfo: { name: 'x', version: '1' },
            },
          }),
        );
        return;
      }
      if (req.headers['mcp-session-id'] !== 's-1') {
        res.writeHead(400).end('no session');
        return;
      }
      res.writeHead(202).end();
      if (message.id === undefined) return;
      // The answer goes on the stream at once: before the client has read the 202.
      const result =
        message.method === 'tools/call'
          ? { content: [{ type: 'text', text: `called ${message.params?.name}` }] }
          : {};
      send({ jsonrpc: '2.0', id: message.id, result });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () => {
      stream?.end();
      server.closeAllConnections();
      server.close();
    },
  };
}

describe('against a server that answers on the session GET stream', () => {
  it('SDK clients join the pool once a ping answered, so no call is lost before the stream is in', async () => {
    const server = await streamOnlyServer({ takeStreamAfterMs: 300, dropEarly: true });
    const pool = await openClientPool({
      target: { url: server.url, headers: {}, tool: 'user_get', args: {} },
      connections: 1,
    });
    try {
      const run = await pool.run({ seconds: 30, maxRequests: 10 });
      expect(run.failures).toBe(0);
      expect(run.requests).toBeGreaterThanOrEqual(10);
    } finally {
      await pool.close();
      server.close();
    }
  }, 20_000);

  it('reads each answer from the stream, the first one sent before any head', async () => {
    const server = await streamOnlyServer();
    const pool = await openLeanClientPool({
      target: { url: server.url, headers: {}, tool: 'user_get', args: {} },
      connections: 1,
    });
    try {
      const run = await pool.run({ seconds: 30, maxRequests: 20 });
      expect(run.failures).toBe(0);
      expect(run.requests).toBe(20);
      expect(run.bytesPerResponse).toBe(
        JSON.stringify({ content: [{ type: 'text', text: 'called user_get' }] }).length,
      );
    } finally {
      await pool.close();
      server.close();
    }
  });
});
