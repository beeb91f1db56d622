/** Runs the sandbox on its own port and prints its URL, key and organizations. */
import { Command } from 'commander';
import { DEFAULT_SEED, startSandbox } from './index.js';

const program = new Command()
  .name('sandbox')
  .description(
    'A stateful, in-memory JumpCloud API (V1, V2, Directory Insights) with seeded organizations',
  )
  .option('-p, --port <port>', 'port to listen on', '4010')
  .option('-H, --host <host>', 'interface to bind', '127.0.0.1')
  .option('-s, --seed <seed>', 'seed of the generated organizations', String(DEFAULT_SEED))
  .parse();

const opts = program.opts<{ port: string; host: string; seed: string }>();
const port = Number(opts.port);
const seed = Number(opts.seed);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  program.error(`--port must be an integer from 0 to 65535, got ${opts.port}`);
if (!Number.isInteger(seed)) program.error(`--seed must be an integer, got ${opts.seed}`);

const sandbox = await startSandbox({ port, host: opts.host, seed });
const lines = [
  `JumpCloud sandbox listening on ${sandbox.url} (seed ${seed}, built in ${sandbox.buildMs.toFixed(0)} ms)`,
  `  V1:        ${sandbox.url}/api`,
  `  V2:        ${sandbox.url}/api/v2`,
  `  Insights:  ${sandbox.url}/insights/directory/v1`,
  `  API key (x-api-key, every organization): ${sandbox.apiKey}`,
  ...sandbox.orgIds.map(
    (id, i) =>
      `  organization ${id} (${sandbox.org(id)?.name}): key bound to it alone ${sandbox.orgApiKeys[i]}`,
  ),
  `  control:   ${sandbox.url}/__sandbox/{faults,requests,reset,info}`,
];
process.stdout.write(`${lines.join('\n')}\n`);

const stop = () => {
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
