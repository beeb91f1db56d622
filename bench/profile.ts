/**
 * `npx tsx bench/profile.ts [--workload call|call-stateful|list|start|sessions] [--seconds 5]
 * [--tool devices_list|users_list|user_get] [--limit 10] [--clients raw|sdk]`:
 * runs the server under `node --cpu-prof` against the sandbox, drives one workload, and prints
 * where the server's CPU time went (by function and by owning package or file). The profile is
 * kept in bench/.tmp/ for Chrome DevTools or speedscope. `sessions` instead compares heap
 * snapshots taken before and after opening idle sessions, and prints what each session holds.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { resolveSourceMaps, summarizeProfile } from './cpu-profile.js';
import type { CpuProfile, Share } from './cpu-profile.js';
import { openClientPool } from './client-load.js';
import { runLoad } from './load.js';
import { diffHeapGroups, groupHeapSnapshot } from './heap-snapshot.js';
import { mcpHeaders, openSession, toolsCallBody, TOOLS_LIST_BODY } from './mcp.js';
import type { OpenSession } from './mcp.js';
import { killAll } from './processes.js';
import { prepareRuntime } from './runtime.js';
import { startSandboxProcess, startServerProcess } from './services.js';
import type { RunningSandbox } from './services.js';

const WORKLOADS = ['call', 'call-stateful', 'list', 'start', 'sessions'] as const;
type Workload = (typeof WORKLOADS)[number];

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

async function firstUserId(sandbox: RunningSandbox): Promise<string> {
  const response = await fetch(`${sandbox.url}/api/systemusers?limit=1`, {
    headers: { 'x-api-key': sandbox.apiKey },
  });
  const page = (await response.json()) as { results: { _id: string }[] };
  return page.results[0]!._id;
}

function print(title: string, list: Share[]): void {
  console.log(`\n${title}`);
  for (const share of list)
    console.log(`  ${share.percent.toFixed(1).padStart(5)}%  ${share.name}`);
}

async function profileSessions({ dir, count }: { dir: string; count: number }): Promise<void> {
  const runtime = await prepareRuntime({ root });
  const sandbox = await startSandboxProcess(runtime);
  const server = await startServerProcess({
    runtime,
    sandboxUrl: sandbox.url,
    stateful: true,
    extraArgs: ['--session-cap', String(count * 2 + 10)],
  });
  const warm = await openSession({ url: server.url, apiKey: sandbox.apiKey });
  await warm.client.listTools();
  await warm.transport.terminateSession();
  await warm.close();
  const before = join(dir, 'before.heapsnapshot');
  const after = join(dir, 'after.heapsnapshot');
  await server.child.snapshot(before);
  const sessions: OpenSession[] = [];
  for (let i = 0; i < count; i += 1)
    sessions.push(await openSession({ url: server.url, apiKey: sandbox.apiKey }));
  await new Promise((done) => setTimeout(done, 300));
  await server.child.snapshot(after);
  await Promise.allSettled(sessions.map((session) => session.close()));
  const diff = diffHeapGroups(groupHeapSnapshot(before), groupHeapSnapshot(after));
  const total = diff.reduce((sum, group) => sum + group.bytes, 0);
  console.log(
    `${runtime.label}; ${count} idle sessions; heap grew ${(total / count / 1024).toFixed(1)} KiB per session; snapshots in ${dir}`,
  );
  console.log('\nPer session, by kind of object (bytes, objects):');
  for (const group of diff.slice(0, 25))
    console.log(
      `  ${(group.bytes / count).toFixed(0).padStart(7)} B  ${(group.count / count).toFixed(1).padStart(6)}  ${group.name}`,
    );
}

async function main(): Promise<void> {
  const opts = new Command()
    .name('profile')
    .option('--workload <name>', `one of ${WORKLOADS.join(', ')}`, 'call')
    .option('--seconds <n>', 'load duration', '5')
    .option('--connections <n>', 'concurrent connections (one for raw POSTs in a session)', '32')
    .option('--tool <name>', 'tool of the call workloads: devices_list or user_get', 'devices_list')
    .option('--limit <n>', 'page size of a list tool', '10')
    .option(
      '--clients <kind>',
      'raw (POSTs from autocannon) or sdk (SDK clients, as section 7 drives the servers)',
      'raw',
    )
    .parse()
    .opts<{
      workload: Workload;
      seconds: string;
      connections: string;
      tool: string;
      limit: string;
      clients: string;
    }>();
  if (!WORKLOADS.includes(opts.workload))
    throw new Error(`--workload: one of ${WORKLOADS.join(', ')}`);
  if (opts.clients !== 'raw' && opts.clients !== 'sdk') throw new Error('--clients: raw or sdk');
  const seconds = Math.min(60, Math.max(1, Number(opts.seconds)));
  const dir = join(root, 'bench', '.tmp', `profile-${opts.workload}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (opts.workload === 'sessions') return profileSessions({ dir, count: 200 });
  const runtime = await prepareRuntime({ root });
  const sandbox = await startSandboxProcess(runtime);
  const stateful = opts.workload === 'call-stateful';
  const server = await startServerProcess({
    runtime,
    sandboxUrl: sandbox.url,
    stateful,
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200'],
  });
  const session = await openSession({ url: server.url, apiKey: sandbox.apiKey });
  await session.client.listTools();
  if (opts.workload !== 'start') {
    const args =
      opts.tool === 'user_get' ? { id: await firstUserId(sandbox) } : { limit: Number(opts.limit) };
    const body = opts.workload === 'list' ? TOOLS_LIST_BODY : toolsCallBody(opts.tool, args);
    // Raw POSTs of a stateful workload share one session; each SDK client opens its own.
    const connections =
      stateful && opts.clients === 'raw' ? 1 : Math.max(1, Math.min(64, Number(opts.connections)));
    if (opts.clients === 'sdk') {
      const pool = await openClientPool({
        target: {
          url: server.url,
          headers: mcpHeaders({ apiKey: sandbox.apiKey }),
          ...(opts.workload === 'list' ? {} : { tool: opts.tool, args }),
        },
        connections,
      });
      await pool.run({ seconds, maxRequests: 200_000 });
      await pool.close();
    } else
      await runLoad({
        target: {
          url: server.url,
          method: 'POST',
          headers: mcpHeaders({ apiKey: sandbox.apiKey, sessionId: session.sessionId }),
          body,
        },
        connections,
        seconds,
        maxRequests: 200_000,
      });
  }
  await session.close();
  await server.child.stop(15_000);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  const summary = summarizeProfile(
    resolveSourceMaps(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile),
  );
  console.log(
    `${runtime.label}; workload ${opts.workload} (${opts.tool}, ${opts.connections} connections); ${summary.busySamples} busy samples, idle ${summary.idlePercent.toFixed(0)}%; profile: ${join(dir, file)}`,
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
