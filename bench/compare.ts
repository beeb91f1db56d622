/**
 * `npx tsx bench/compare.ts --variant "a=--upstream-http fetch" --variant "b=" [--tool user_get]
 * [--connections 32] [--seconds 8] [--rounds 4]`: the compiled server started once per variant
 * (each with its own extra arguments) against one sandbox, driven in interleaved rounds with the
 * same raw `tools/call` POSTs, and compared by calls per second and server CPU per call. For
 * measuring one change at a time on a busy machine.
 *
 * A variant whose arguments start with `@<file>` runs that entry file instead of this build's
 * (`--variant "before=@bench/.tmp/before/main.js"`): a copy of an earlier dist/ against the
 * current one. A copy kept under the repository resolves the same node_modules. Words of the
 * form `NAME=value` before the arguments go into that server's environment
 * (`--variant "tuned=GLIBC_TUNABLES=glibc.malloc.mmap_threshold=131072"`), and words of the form
 * `node:<flag>` are node flags for that server (`--variant "small=node:--max-semi-space-size=1"`).
 * `--no-build` runs dist/ as it is; `--warmup` sets the seconds of calls each server answers before
 * the rounds are measured. `--clients sdk` (or `lean`) drives each server with SDK (or lean
 * Streamable HTTP) clients, as section 7 does, instead of raw POSTs: at c=1 a call is then the
 * client's turn as well as the server's.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { openClientPool } from './client-load.js';
import { openLeanClientPool } from './lean-client.js';
import { runLoad } from './load.js';
import { mcpHeaders, toolsCallBody, TOOLS_LIST_BODY } from './mcp.js';
import { killAll } from './processes.js';
import { prepareRuntime } from './runtime.js';
import type { Runtime } from './runtime.js';
import { startSandboxProcess, startServerProcess } from './services.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const opts = new Command()
    .option(
      '--variant <name=args>',
      'a server variant (repeatable)',
      (v, all: string[]) => [...all, v],
      [],
    )
    .option('--tool <name>', 'user_get, users_list, or tools/list', 'user_get')
    .option('--connections <n>', 'concurrent connections', '32')
    .option('--seconds <n>', 'load seconds per variant', '8')
    .option('--rounds <n>', 'interleaved rounds', '4')
    .option('--warmup <seconds>', 'load seconds per variant before the measured rounds', '3')
    .option('--no-build', 'run dist/ as it is instead of building it first')
    .option('--clients <kind>', 'raw (POSTs from autocannon), sdk or lean clients', 'raw')
    .parse()
    .opts<{
      variant: string[];
      tool: string;
      connections: string;
      seconds: string;
      rounds: string;
      warmup: string;
      build: boolean;
      clients: string;
    }>();
  if (!['raw', 'sdk', 'lean'].includes(opts.clients))
    throw new Error('--clients: raw, sdk or lean');
  const variants = opts.variant.map((spec) => {
    const [name, args = ''] = spec.split(/=(.*)/s);
    const words = args.split(' ').filter(Boolean);
    const env: Record<string, string> = {};
    for (let word = words[0]; word && /^[A-Z_][A-Z0-9_]*=/.test(word); word = words[0]) {
      const [key, value = ''] = words.shift()!.split(/=(.*)/s);
      env[key!] = value;
    }
    const entry = words[0]?.startsWith('@') ? resolve(words.shift()!.slice(1)) : undefined;
    const nodeFlags = words.filter((word) => word.startsWith('node:')).map((word) => word.slice(5));
    const serverArgs = words.filter((word) => !word.startsWith('node:'));
    return { name: name!, args: serverArgs, entry, env, nodeFlags };
  });
  if (variants.length < 2) throw new Error('give at least two --variant name=args');
  const runtime: Runtime = opts.build
    ? await prepareRuntime({ root })
    : {
        label: 'bundled JS (dist/ as it was)',
        tsx: false,
        serverEntry: join(root, 'dist', 'main.js'),
        sandboxEntry: join(root, 'dist', 'sandbox', 'main.js'),
      };
  const sandbox = await startSandboxProcess(runtime);
  const page = (await (
    await fetch(`${sandbox.url}/api/systemusers?limit=1`, {
      headers: { 'x-api-key': sandbox.apiKey, accept: 'application/json' },
    })
  ).json()) as { results: { _id: string }[] };
  const callArgs = opts.tool === 'user_get' ? { id: page.results[0]!._id } : { limit: 100 };
  const body = opts.tool === 'tools/list' ? TOOLS_LIST_BODY : toolsCallBody(opts.tool, callArgs);
  const servers = [];
  for (const variant of variants) {
    const server = await startServerProcess({
      runtime: variant.entry ? { ...runtime, serverEntry: variant.entry } : runtime,
      sandboxUrl: sandbox.url,
      stateful: false,
      extraArgs: variant.args,
      env: variant.env,
      nodeFlags: variant.nodeFlags,
    });
    servers.push({ ...variant, server, requests: 0, seconds: 0, cpu: 0 });
  }
  const rounds = Number(opts.rounds);
  const seconds = Number(opts.seconds) / rounds;
  const connections = Number(opts.connections);
  const headers = mcpHeaders({ apiKey: sandbox.apiKey });
  const openPool = opts.clients === 'lean' ? openLeanClientPool : openClientPool;
  const pools =
    opts.clients === 'raw'
      ? undefined
      : await Promise.all(
          servers.map((entry) =>
            openPool({
              target: {
                url: entry.server.url,
                headers,
                ...(opts.tool === 'tools/list' ? {} : { tool: opts.tool, args: callArgs }),
              },
              connections,
            }),
          ),
        );
  for (let round = -1; round < rounds; round += 1) {
    for (const [index, entry] of servers.entries()) {
      const c0 = await entry.server.child.cpuMicros();
      const duration = round < 0 ? Number(opts.warmup) : seconds;
      const pool = pools?.[index];
      const result = pool
        ? await pool.run({ seconds: duration, maxRequests: 1_000_000 })
        : await runLoad({
            target: { url: entry.server.url, method: 'POST', headers, body },
            connections,
            seconds: duration,
            maxRequests: 1_000_000,
          });
      if (result.failures > 0) throw new Error(`${entry.name}: ${result.failures} failures`);
      if (round < 0) continue; // warm-up
      entry.cpu += (await entry.server.child.cpuMicros()) - c0;
      entry.requests += result.requests;
      entry.seconds += result.seconds;
    }
  }
  await Promise.all((pools ?? []).map((pool) => pool.close()));
  const base = servers[0]!;
  const rate = (e: typeof base) => e.requests / e.seconds;
  const cpu = (e: typeof base) => e.cpu / e.requests;
  for (const entry of servers) {
    console.log(
      `${entry.name.padEnd(12)} ${rate(entry).toFixed(0).padStart(6)} calls/s (x${(rate(entry) / rate(base)).toFixed(2)})  ` +
        `${cpu(entry).toFixed(0).padStart(5)} us CPU/call (x${(cpu(entry) / cpu(base)).toFixed(2)})`,
    );
  }
  console.log(
    `${opts.tool}, c=${connections}, ${opts.clients} clients, ${rounds} rounds; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => killAll());
