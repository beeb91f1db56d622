#!/usr/bin/env node
/**
 * Command-line entry: reads the configuration, starts the server, shuts down gracefully on signals.
 * A setting that cannot be used (a bad value, a busy port) exits 2 with a message naming it.
 */
import { ConfigError, describeListenError, readConfig } from './config.js';
import type { LoadedConfig } from './config.js';
import { renderClientConfigs } from './client-config.js';
import { ListenError } from './http-server.js';
import { createLogger } from './logger.js';
import { startServer } from './start.js';
import type { StartedServer } from './start.js';
import { applyV8Flags } from './v8-flags.js';

// Already set by src/boot.ts in the built server; setting them again changes nothing.
applyV8Flags();

function exit(code: number, message: string): never {
  for (const line of message.split('\n')) process.stderr.write(`jumpcloud-mcp: ${line}\n`);
  process.exit(code);
}

function load(): LoadedConfig {
  try {
    return readConfig({ argv: process.argv.slice(2), env: process.env });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.help') process.exit(0);
    if (error instanceof ConfigError) exit(2, error.message);
    throw error;
  }
}

const loaded = load();
const { config } = loaded;
for (const warning of loaded.warnings) process.stderr.write(`jumpcloud-mcp: ${warning}\n`);
const logger = createLogger({ level: config.logLevel });
function failed(error: unknown): never {
  if (error instanceof ConfigError) exit(2, error.message);
  const setting =
    error instanceof ListenError && describeListenError({ failure: error, label: loaded.label });
  if (setting) exit(2, setting);
  exit(1, `could not start: ${error instanceof Error ? error.message : String(error)}`);
}

function announce(started: StartedServer): void {
  if (!started.sandbox) return;
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

/**
 * SIGINT and SIGTERM close the server gracefully, also when they come while it is still starting
 * (it then closes once started). The handlers are in place before the start: a signal that came
 * before them would end the process at once, without the graceful close or its exit hooks.
 */
function stopOnSignals(starting: Promise<StartedServer>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      logger.info({ signal }, 'shutting down');
      void starting
        .then((started) => started.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
  }
}

// No top-level await: the bundle's modules may also run as CommonJS (scripts/build.ts).
const starting = startServer({ config, logger });
stopOnSignals(starting);
starting.then(announce, failed);
