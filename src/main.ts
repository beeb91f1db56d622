#!/usr/bin/env node
/** Command-line entry: reads the configuration, starts the server, shuts down gracefully on signals. */
import { ConfigError, loadConfig } from './config.js';
import type { Config } from './config.js';
import { renderClientConfigs } from './client-config.js';
import { createLogger } from './logger.js';
import { startServer } from './start.js';

function readConfig(): Config {
  try {
    return loadConfig({ argv: process.argv.slice(2), env: process.env });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.help') process.exit(0);
    if (error instanceof ConfigError) {
      process.stderr.write(`jumpcloud-mcp: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

const config = readConfig();
const logger = createLogger({ level: config.logLevel });
let started: Awaited<ReturnType<typeof startServer>>;
try {
  started = await startServer({ config, logger });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`jumpcloud-mcp: could not start: ${message}\n`);
  process.exit(1);
}

if (started.sandbox) {
  process.stdout.write(
    [
      '',
      `Sandbox organization at ${started.sandbox.url} (organizations: ${started.sandbox.orgIds.join(', ')})`,
      `MCP endpoint: ${started.url}`,
      `Act on one child organization with ${started.url}?organizationID=<id>.`,
      '',
      renderClientConfigs({ url: started.url, apiKey: started.sandbox.apiKey }),
      '',
      ...(started.sandbox.idp
        ? [
            `OAuth: add ${started.url} to an OAuth client (Claude: Settings, Connectors, Add custom connector) with no key.`,
            `It sends you to the sandbox identity provider (${started.sandbox.idp}); sign in as one of the administrators it lists, password "sandbox":`,
            'the Read Only one sees the read tools, the Administrator With Billing one every tool.',
            '',
          ]
        : []),
    ].join('\n') + '\n',
  );
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void started.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
