/**
 * The load generator's ceiling: a server that answers each MCP request at once, with no upstream,
 * from answers recorded from jumpcloud-mcp (the tools/list result and one tools/call result per
 * tool, read from --answers). Driven by the same SDK clients as the servers of section 7, its
 * calls per second are the most any server can reach through those clients at that concurrency:
 * the clients' own work (request building, JSON and schema parsing of each result) sets the pace.
 *
 *   node bench/peers/replay.mjs --port 4100 --answers answers.json
 */
/* global process, Buffer */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    answers: { type: 'string' },
  },
});
/** @type {{ protocolVersion: string, tools: unknown, calls: Record<string, unknown> }} */
const answers = JSON.parse(readFileSync(values.answers, 'utf8'));

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
  req.on('end', () => {
    const message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (message.id === undefined) {
      res.writeHead(202).end();
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
