/**
 * The /v1 request path without the socket, for running thousands of calls in seconds: a POST body
 * goes through the same code the Koa endpoint runs after authentication (parseJsonRpcBody, a fresh
 * MCP server per request on the SDK's web-standard transport in JSON-response mode, as the stateless
 * bridge does, callTool, the real safety layer, the upstream client), with the sandbox as
 * JumpCloud over real HTTP. Only the HTTP framing, authentication and tool-selection middleware are
 * left out; test/fuzz/hostile-requests.test.ts drives those over HTTP.
 */
import { JUMPCLOUD_KINDS } from '../../src/jumpcloud/kinds.js';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { pino } from 'pino';
import { upstreamServers } from '../../generated/upstream.js';
import { apiKeyCredential, apiKeyPrincipal } from '../../src/auth/api-key.js';
import { loadConfig } from '../../src/config.js';
import { HttpError } from '../../src/middleware/http-error.js';
import { parseJsonRpcBody } from '../../src/middleware/json-body.js';
import { createMcpServer } from '../../src/mcp/create-mcp-server.js';
import { toAuthInfo } from '../../src/mcp/request-scope.js';
import { createSafety } from '../../src/safety/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { resolveBaseUrls } from '../../src/upstream/base-urls.js';
import { TOOLS } from './tool-schemas.js';

const SECRET = 'fuzz-confirmation-secret-0123456789-abcdefghijklmnop';

/** What a POST got back: the HTTP status and the parsed JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

/** A request that left the server for JumpCloud. */
export interface SentRequest {
  method: string;
  url: string;
}

export interface InProcessServer {
  /** One POST of `text` to /v1 with the sandbox key. */
  post(text: string): Promise<Answer>;
  /** Every request sent upstream, counted at the network edge (before the sandbox parses it). */
  sent: SentRequest[];
  /** Log lines at warning level and above (internal faults are logged at error level). */
  problems: string[];
}

export function startInProcessServer({ sandbox }: { sandbox: Sandbox }): InProcessServer {
  const problems: string[] = [];
  const logger = pino(
    { level: 'warn' },
    new Writable({
      write(chunk, _encoding, callback) {
        problems.push(...String(chunk).split('\n').filter(Boolean));
        callback();
      },
    }),
  );
  const config = loadConfig({ env: { JUMPCLOUD_MCP_CONFIRMATION_SECRET: SECRET } }).safety;
  const safety = createSafety({
    config,
    tools: TOOLS,
    kinds: JUMPCLOUD_KINDS,
    auditLogger: logger,
    logger,
    nodeEnv: 'production',
  });
  const selection = safety.select({});
  const baseUrls = resolveBaseUrls({
    servers: upstreamServers,
    region: 'us',
    baseUrl: sandbox.url,
  });
  const apiKey = sandbox.apiKey;
  const sent: SentRequest[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    sent.push({ method: request.method, url: request.url });
    return fetch(input, init);
  };

  const post = async (text: string): Promise<Answer> => {
    let parsedBody: unknown;
    try {
      parsedBody = parseJsonRpcBody({ text });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return {
        status: error.status,
        body: { error: { code: error.rpcCode, message: error.message } },
      };
    }
    const server = createMcpServer({
      safety,
      baseUrls,
      upstreamTimeoutMs: 5000,
      stateful: false,
      fetchImpl,
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    const authInfo = toAuthInfo({
      principal: apiKeyPrincipal(apiKey),
      credential: apiKeyCredential(apiKey),
      requestId: randomUUID(),
      httpUserAgent: 'fuzz/1.0.0',
      selection,
      logger,
    });
    const request = new Request('http://127.0.0.1/v1', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
    });
    const response = await transport.handleRequest(request, { authInfo, parsedBody });
    const raw = await response.text();
    return { status: response.status, body: raw ? (JSON.parse(raw) as unknown) : undefined };
  };

  return { post, sent, problems };
}
