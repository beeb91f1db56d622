import type { Logger } from 'pino';
import { tools as generatedTools } from '../generated/index.js';
import { upstreamServers } from '../generated/upstream.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import type { ToolDefinition } from './registry/types.js';
import { listen } from './http-server.js';
import { closeAuditLogger, createAuditLogger, createSafety } from './safety/index.js';

/** What the embedded sandbox hands back (src/sandbox). */
interface SandboxHandle {
  url: string;
  apiKey: string;
  orgIds: readonly string[];
  close(): Promise<void>;
}

export interface StartedServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:8080/v1 */
  url: string;
  /** The embedded sandbox, with --sandbox. */
  sandbox?: { url: string; apiKey: string; orgIds: readonly string[] };
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
  statelessPath,
}: {
  config: Config;
  logger: Logger;
  /** Stateless mode: answer directly (default) or through the SDK's transport (for comparisons). */
  statelessPath?: 'direct' | 'sdk';
}): Promise<StartedServer> {
  const auditLogger = createAuditLogger({ destination: config.auditLog, level: config.logLevel });
  let sandbox: SandboxHandle | undefined;
  let effective = config;
  if (config.sandbox) {
    const { startSandbox } = await import('./sandbox/index.js');
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    effective = { ...config, baseUrl: sandbox.url };
  }
  let running: Awaited<ReturnType<typeof listen>>;
  try {
    const safety = createSafety({ config: config.safety, tools, auditLogger, logger });
    const mcpApp = createApp({
      config: effective,
      tools,
      safety,
      servers: upstreamServers,
      logger,
      statelessPath,
    });
    running = await listen({ mcpApp, config: effective, logger });
  } catch (error) {
    // A port in use or a missing secret: nothing opened here outlives the failed start.
    await closeAuditLogger(auditLogger);
    await sandbox?.close();
    throw error;
  }
  logger.info(
    {
      url: `${running.origin}/v1`,
      mode: config.stateful ? 'stateful' : 'stateless',
      upstream: effective.baseUrl ?? config.region,
      tools: tools.length,
    },
    'listening',
  );
  return {
    url: `${running.origin}/v1`,
    sandbox: sandbox && { url: sandbox.url, apiKey: sandbox.apiKey, orgIds: sandbox.orgIds },
    close: async () => {
      await running.close();
      await closeAuditLogger(auditLogger);
      await sandbox?.close();
    },
  };
}
