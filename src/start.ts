import type { Logger } from 'pino';
import { tools as generatedTools } from '../generated/index.js';
import { upstreamServers } from '../generated/upstream.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import type { ToolDefinition } from './registry/types.js';
import { listen } from './http-server.js';
import { closeAuditLogger, createAuditLogger, createSafety } from './safety/index.js';
import type { OAuth } from './auth/oauth/index.js';
import type { Administrator } from './sandbox/types.js';
import { oauthFromConfig } from './auth/oauth/settings.js';
import { principalAuditFields } from './auth/request-adapter.js';
import { resolveBaseUrls } from './upstream/base-urls.js';

/** What the embedded sandbox hands back (src/sandbox). */
interface SandboxHandle {
  url: string;
  apiKey: string;
  orgIds: readonly string[];
  serviceAccount: { clientId: string; clientSecret: string; tokenUrl: string };
  org(id: string): { admins: Administrator[] } | undefined;
  close(): Promise<void>;
}

export interface StartedServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:8080/v1 */
  url: string;
  /** The embedded sandbox, with --sandbox (and its identity provider in OAuth mode). */
  sandbox?: { url: string; apiKey: string; orgIds: readonly string[]; idp?: string };
  /** OAuth mode: the authorization server's issuer (built in) or the external one's. */
  oauth?: { resource: string; metadata: string };
  close(): Promise<void>;
}

/**
 * The generated tools take the typed upstream API that createUpstreamApi builds from the same
 * generated server list, so erasing the API type here is sound.
 */
const tools = generatedTools as unknown as readonly ToolDefinition[];

/** Wires the generated tools, the safety layer and (with --sandbox) the sandbox into a listening server. */
export async function startServer({
  config,
  logger,
}: {
  config: Config;
  logger: Logger;
}): Promise<StartedServer> {
  const auditLogger = createAuditLogger({
    destination: config.auditLog,
    level: config.logLevel,
    mixin: principalAuditFields,
  });
  let sandbox: SandboxHandle | undefined;
  let effective = config;
  if (config.sandbox) {
    const { startSandbox } = await import('./sandbox/index.js');
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    effective = { ...config, baseUrl: sandbox.url };
  }
  let running: Awaited<ReturnType<typeof listen>>;
  let oauth: OAuth | undefined;
  let idp: { issuer: string; close(): Promise<void> } | undefined;
  try {
    const safety = createSafety({ ...config.safety, tools, auditLogger, logger });
    if (config.auth.includes('oauth')) {
      const publicUrl = config.oauth?.publicUrl;
      if (publicUrl) {
        effective = {
          ...effective,
          allowedOrigins: [...effective.allowedOrigins, new URL(publicUrl).origin],
        };
      }
      oauth = await oauthFromConfig({
        config: effective,
        v1BaseUrl: resolveBaseUrls({
          servers: upstreamServers,
          region: effective.region,
          baseUrl: effective.baseUrl,
        }).v1 as string,
        tools,
        catalog: safety.select({}).tools,
        logger,
        ...(sandbox ? { sandbox } : {}),
      });
    }
    const mcpApp = createApp({
      config: effective,
      tools,
      safety,
      servers: upstreamServers,
      logger,
      oauth,
    });
    running = await listen({ mcpApp, config: effective, logger });
    oauth?.listening(running.origin);
    if (oauth && sandbox && !config.oauth?.idpIssuer && !config.oauth?.issuer) {
      const { startSandboxIdp } = await import('./sandbox/idp/index.js');
      const handle = sandbox;
      idp = await startSandboxIdp({
        people: () => handle.orgIds.flatMap((id) => handle.org(id)?.admins ?? []),
        redirectUris: [`${oauth.site.origin}/oauth/callback`],
      });
      oauth.useIdp(idp as Awaited<ReturnType<typeof startSandboxIdp>>);
    }
  } catch (error) {
    // A port in use or a missing secret: nothing opened here outlives the failed start.
    await closeAuditLogger(auditLogger);
    await idp?.close();
    await sandbox?.close();
    throw error;
  }
  logger.info(
    {
      url: `${running.origin}/v1`,
      mode: config.stateful ? 'stateful' : 'stateless',
      upstream: effective.baseUrl ?? config.region,
      tools: tools.length,
      auth: config.auth,
    },
    'listening',
  );
  return {
    url: `${running.origin}/v1`,
    sandbox: sandbox && {
      url: sandbox.url,
      apiKey: sandbox.apiKey,
      orgIds: sandbox.orgIds,
      ...(idp ? { idp: idp.issuer } : {}),
    },
    ...(oauth
      ? { oauth: { resource: oauth.site.resource, metadata: oauth.site.resourceMetadataUrl } }
      : {}),
    close: async () => {
      await running.close();
      await closeAuditLogger(auditLogger);
      await idp?.close();
      await sandbox?.close();
    },
  };
}
