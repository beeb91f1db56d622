/**
 * The MCP SDK's own minimal stateless server, as its documentation builds one: per request a
 * low-level `Server` and a Web-standard Streamable HTTP transport with JSON responses, on node:http.
 * It lists the same tools as jumpcloud-mcp (read from --tools, a tools/list answer saved as JSON)
 * and serves `user_get` and `users_list` with the same upstream request jumpcloud-mcp makes and the
 * upstream body as the result text. Nothing else: it is the floor a server built on the SDK cannot
 * go below, for the benchmark to compare against.
 *
 *   node bench/peers/sdk-floor.mjs --port 4100 --upstream http://127.0.0.1:4010 --tools tools.json
 */
/* global process, fetch, Request, Headers, Buffer, URL */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    upstream: { type: 'string' },
    tools: { type: 'string' },
    'users-fields': { type: 'string', default: '' },
  },
});
const upstream = values.upstream;
const tools = JSON.parse(readFileSync(values.tools, 'utf8'));
const usersFields = values['users-fields'];

async function upstreamText(response) {
  const text = await response.text();
  if (!response.ok) return { content: [{ type: 'text', text }], isError: true };
  return { content: [{ type: 'text', text }] };
}

function headersFor(apiKey) {
  return { accept: 'application/json', 'x-api-key': apiKey, 'user-agent': 'sdk-floor' };
}

function buildServer() {
  const server = new Server(
    { name: 'sdk-floor', version: '1.0.0' },
    { capabilities: { tools: {} } },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const apiKey = extra.authInfo?.token ?? '';
    const args = request.params.arguments ?? {};
    if (request.params.name === 'user_get') {
      const response = await fetch(
        `${upstream}/api/systemusers/${encodeURIComponent(String(args.id))}`,
        { headers: headersFor(apiKey) },
      );
      return upstreamText(response);
    }
    if (request.params.name === 'users_list') {
      const url = new URL(`${upstream}/api/search/systemusers`);
      if (usersFields) url.searchParams.set('fields', usersFields);
      if (args.limit !== undefined) url.searchParams.set('limit', String(args.limit));
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...headersFor(apiKey), 'content-type': 'application/json' },
        body: '{}',
      });
      return upstreamText(response);
    }
    return {
      content: [{ type: 'text', text: `unknown tool ${request.params.name}` }],
      isError: true,
    };
  });
  return server;
}

const http = createServer(async (req, res) => {
  if (req.url === '/readyz') {
    res.writeHead(200).end('ok');
    return;
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const server = buildServer();
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  const response = await transport.handleRequest(
    new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
      method: req.method,
      headers,
    }),
    {
      parsedBody:
        chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined,
      authInfo: { token, clientId: 'bench', scopes: [] },
    },
  );
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  const out = {};
  response.headers.forEach((value, name) => (out[name] = value));
  res.writeHead(response.status, out).end(body);
});
http.listen(Number(values.port), values.host, () => {
  process.stdout.write(`sdk-floor listening on http://${values.host}:${values.port}/v1\n`);
});
