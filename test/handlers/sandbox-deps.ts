/** Real typed upstream clients pointed at a running sandbox: the network edge of the handler tests. */
import pino from 'pino';
import { upstreamServers } from '../../generated/upstream.js';
import type { Upstream, UpstreamPaths } from '../../generated/upstream.js';
import type { ToolDeps } from '../../src/registry/types.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { resolveBaseUrls } from '../../src/upstream/base-urls.js';
import { apiKeyCredential, apiKeyPrincipal } from '../../src/auth/api-key.js';
import { createUpstreamApi } from '../../src/upstream/create-upstream-api.js';

export function sandboxDeps(sandbox: Sandbox, orgId?: string): ToolDeps<Upstream> {
  const api = createUpstreamApi<UpstreamPaths>({
    baseUrls: resolveBaseUrls({ servers: upstreamServers, region: 'us', baseUrl: sandbox.url }),
    credential: apiKeyCredential(sandbox.apiKey),
    clientName: 'test',
    ...(orgId ? { orgId } : {}),
    timeoutMs: 10_000,
  });
  return {
    api,
    signal: new AbortController().signal,
    ctx: {
      requestId: 'test',
      principal: apiKeyPrincipal(sandbox.apiKey),
      clientName: 'test',
      logger: pino({ level: 'silent' }),
    },
  };
}
