/**
 * `npx tsx bench/peers.ts [--seconds 8] [--rounds 4] [--critical-path] [--clients sdk|lean]`: section 7
 * of `npm run bench` alone (this server, the generic OpenAPI proxy and the SDK floor side by side on
 * one sandbox), driven by the SDK's clients as in the full run, or by lean Streamable HTTP clients
 * (bench/lean-client.ts), with which the servers and the upstream set the pace.
 */
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { killAll } from './processes.js';
import { prepareRuntime } from './runtime.js';
import { measurePeers } from './sections/peers.js';
import { startSandboxProcess } from './services.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const opts = new Command()
    .option('--seconds <n>', 'load seconds per server and case', '8')
    .option('--rounds <n>', 'interleaved rounds', '4')
    .option('--warmup <calls>', 'calls per server and case before measuring', '2000')
    .option(
      '--critical-path',
      "at c=1, also split each server's calls at its system calls (perf trace; bench/critical-path.ts)",
    )
    .addOption(
      new Option('--clients <kind>', 'the clients that drive every server')
        .choices(['sdk', 'lean'])
        .default('sdk'),
    )
    .parse()
    .opts<{
      seconds: string;
      rounds: string;
      warmup: string;
      criticalPath?: boolean;
      clients: 'sdk' | 'lean';
    }>();
  const load = loadavg()[0]!;
  const runtime = await prepareRuntime({ root });
  const sandbox = await startSandboxProcess(runtime);
  await measurePeers({
    root,
    runtime,
    sandbox,
    seconds: Number(opts.seconds),
    rounds: Number(opts.rounds),
    warmupCalls: Number(opts.warmup),
    criticalPath: opts.criticalPath === true,
    clients: opts.clients,
    maxRequests: 1_000_000,
    log: (line) => console.log(line),
  });
  console.log(`load average ${load.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at the end`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => killAll());
