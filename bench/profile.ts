/**
 * `npx tsx bench/profile.ts [--workload call|call-stateful|list|start] [--seconds 5]`: runs the
 * server under `node --cpu-prof` against the sandbox, drives one workload, and prints where the
 * server's CPU time went (by function and by owning package or file). The profile is kept in
 * bench/.tmp/ for Chrome DevTools or speedscope.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { summarizeProfile } from './cpu-profile.js';
import type { CpuProfile, Share } from './cpu-profile.js';
import { runLoad } from './load.js';
import { mcpHeaders, openSession, toolsCallBody, TOOLS_LIST_BODY } from './mcp.js';
import { killAll } from './processes.js';
import { prepareRuntime } from './runtime.js';
import { startSandboxProcess, startServerProcess } from './services.js';

const WORKLOADS = ['call', 'call-stateful', 'list', 'start'] as const;
type Workload = (typeof WORKLOADS)[number];

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function print(title: string, list: Share[]): void {
  console.log(`\n${title}`);
  for (const share of list)
    console.log(`  ${share.percent.toFixed(1).padStart(5)}%  ${share.name}`);
}

async function main(): Promise<void> {
  const opts = new Command()
    .name('profile')
    .option('--workload <name>', `one of ${WORKLOADS.join(', ')}`, 'call')
    .option('--seconds <n>', 'load duration', '5')
    .parse()
    .opts<{ workload: Workload; seconds: string }>();
  if (!WORKLOADS.includes(opts.workload))
    throw new Error(`--workload: one of ${WORKLOADS.join(', ')}`);
  const seconds = Math.min(60, Math.max(1, Number(opts.seconds)));
  const dir = join(root, 'bench', '.tmp', `profile-${opts.workload}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const runtime = await prepareRuntime({ root });
  const sandbox = await startSandboxProcess(runtime);
  const stateful = opts.workload === 'call-stateful';
  const server = await startServerProcess({
    runtime,
    sandboxUrl: sandbox.url,
    stateful,
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200'],
  });
  if (opts.workload !== 'start') {
    const session = await openSession({ url: server.url, apiKey: sandbox.apiKey });
    const body =
      opts.workload === 'list' ? TOOLS_LIST_BODY : toolsCallBody('devices_list', { limit: 10 });
    await runLoad({
      target: {
        url: server.url,
        method: 'POST',
        headers: mcpHeaders({ apiKey: sandbox.apiKey, sessionId: session.sessionId }),
        body,
      },
      connections: stateful ? 1 : 32,
      seconds,
      maxRequests: 200_000,
    });
    await session.close();
  }
  await server.child.stop(15_000);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  const summary = summarizeProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
  console.log(
    `${runtime.label}; workload ${opts.workload}; ${summary.busySamples} busy samples, idle ${summary.idlePercent.toFixed(0)}%; profile: ${join(dir, file)}`,
  );
  print('Inclusive time by owner (share of busy samples):', summary.inclusiveByOwner);
  print('Inclusive time by function (ours and packages):', summary.topInclusive);
  print('Self time by owner:', summary.selfByOwner);
  print('Self time by function:', summary.topSelf);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(killAll);
