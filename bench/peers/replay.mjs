/**
 * The load generator's ceiling: a server that answers each MCP request at once, with no upstream,
 * from answers recorded from jumpcloud-mcp (the tools/list result and one tools/call result per
 * tool, read from --answers). Driven by the same SDK clients as the servers of section 7, its
 * calls per second are the most any server can reach through those clients at that concurrency:
 * the clients' own work (request building, JSON and schema parsing of each result) sets the pace.
 *
 * With --upstream (the sandbox's origin) and --key, it is the bare proxy instead: before answering
 * a tools/call it makes the upstream request jumpcloud-mcp made for that tool (`upstream` in the
 * answers file) through a pooled undici client and parses its JSON body; nothing else (no
 * authentication, validation, shaping or log). Its calls per second are the most a Node server
 * reaches through those clients with that upstream.
 *
 *   node bench/peers/replay.mjs --port 4100 --answers answers.json [--upstream URL --key KEY]
 */
/* global process, Buffer, URLSearchParams */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    answers: { type: 'string' },
    upstream: { type: 'string' },
    key: { type: 'string' },
  },
});
/**
 * @type {{ protocolVersion: string, tools: unknown, calls: Record<string, unknown>,
 *   upstream?: Record<string, { method: string, path: string, query: Record<string, string | string[]>, body?: unknown }> }}
 */
const answers = JSON.parse(readFileSync(values.answers, 'utf8'));
const pool = values.upstream ? new Pool(values.upstream, { connections: 64 }) : undefined;

/** The upstream request of each tool, ready to send. */
const requests = new Map(
  Object.entries(answers.upstream ?? {}).map(([tool, seen]) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(seen.query))
      for (const one of [value].flat()) query.append(key, one);
    const search = query.toString();
    return [
      tool,
      {
        method: seen.method,
        path: search ? `${seen.path}?${search}` : seen.path,
        headers: {
          'x-api-key': values.key ?? '',
          accept: 'application/json',
          ...(seen.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(seen.body === undefined ? {} : { body: JSON.stringify(seen.body) }),
      },
    ];
  }),
);

/** The bare proxy's upstream request for a tools/call, its body read and parsed. */
async function callUpstream(message) {
  const request = message.method === 'tools/call' && requests.get(message.params?.name);
  if (!pool || !request) return;
  const response = await pool.request(request);
  const text = await response.body.text();
  if (response.statusCode >= 400) throw new Error(`upstream answered ${response.statusCode}`);
  JSON.parse(text);
}

function resultOf(message) {
  switch (message.method) {
    case 'initialize':
      return {
        protocolVersion: message.params?.protocolVersion ?? answers.protocolVersion,
        capabilities: { tools: { listChanged: false } },
        serverInfo: { name: 'replay', version: '1.0.0' },
      };
    case 'ping':
      return {};
    case 'tools/list':
      return { tools: answers.tools };
    case 'tools/call':
      return answers.calls[message.params?.name];
    default:
      return undefined;
  }
}

const http = createServer((req, res) => {
  if (req.url === '/readyz') {
    res.writeHead(200).end('ok');
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    const message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (message.id === undefined) {
      res.writeHead(202).end();
      return;
    }
    try {
      await callUpstream(message);
    } catch (error) {
      res.writeHead(502).end(String(error));
      return;
    }
    const result = resultOf(message);
    const body =
      result === undefined
        ? { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } }
        : { jsonrpc: '2.0', id: message.id, result };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
});
http.listen(Number(values.port), values.host);
process.on('SIGTERM', () => process.exit(0));
