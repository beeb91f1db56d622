/**
 * `npx tsx bench/session-memory.ts [--sessions 1000] [--rounds 3] [--build a=dist-a --build b=dist]
 * [--node-flags "b=--max-semi-space-size=1"] [--settle-seconds 12]`: section 3a of `npm run bench` alone (memory per
 * idle stateful session). Without `--build` it builds dist/ and measures it; with several, each
 * names a compiled tree (the `dist/` of a build, copied aside to compare before and after), and
 * the builds are measured in interleaved rounds on one sandbox. `--settle-seconds` reads memory
 * after that much idle time (before and after the sessions open) instead of right away: what an
 * idle server keeps once V8's memory reducer has run.
 */
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { killAll } from './processes.js';
import { prepareRuntime } from './runtime.js';
import type { Runtime } from './runtime.js';
import { measureSessionMemory } from './sections/memory.js';
import { startSandboxProcess } from './services.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const collect = (value: string, all: string[]) => [...all, value];

async function main(): Promise<void> {
  const opts = new Command()
    .option('--sessions <n>', 'sessions opened per measurement', '1000')
    .option('--rounds <n>', 'interleaved rounds', '3')
    .option('--build <name=dir>', 'a compiled tree to measure (repeatable)', collect, [])
    .option('--node-flags <name=flags>', 'node flags for one build (repeatable)', collect, [])
    .option('--settle-seconds <n>', 'idle seconds before each reading', '0')
    .parse()
    .opts<{
      sessions: string;
      rounds: string;
      build: string[];
      nodeFlags: string[];
      settleSeconds: string;
    }>();
  const load = loadavg()[0]!;
  const built = await prepareRuntime({ root });
  const flags = new Map(
    opts.nodeFlags.map((spec) => {
      const [name, value = ''] = spec.split(/=(.*)/s);
      return [name!, value.split(' ').filter(Boolean)];
    }),
  );
  const builds: { name: string; runtime: Runtime }[] =
    opts.build.length === 0
      ? [{ name: 'dist', runtime: built }]
      : opts.build.map((spec) => {
          const [name, dir = 'dist'] = spec.split(/=(.*)/s);
          const serverEntry = join(resolve(root, dir), 'src', 'main.js');
          return { name: name!, runtime: { ...built, label: dir, serverEntry } };
        });
  const sandbox = await startSandboxProcess(built);
  const results = new Map<string, { rss: number[]; heap: number[] }>(
    builds.map(({ name }) => [name, { rss: [], heap: [] }]),
  );
  const rounds = Number(opts.rounds);
  for (let round = 0; round < rounds; round += 1) {
    // Alternate the order, so that neither build always runs right after the other.
    const order = round % 2 === 0 ? builds : [...builds].reverse();
    for (const { name, runtime } of order) {
      const m = await measureSessionMemory({
        runtime,
        sandbox,
        sessions: Number(opts.sessions),
        nodeFlags: flags.get(name),
        settleMs: Number(opts.settleSeconds) * 1000,
      });
      const entry = results.get(name)!;
      entry.rss.push(m.rssKiBPerSession);
      entry.heap.push(m.heapKiBPerSession);
      console.log(
        `round ${round + 1} ${name}: ${m.rssKiBPerSession.toFixed(1)} KiB RSS, ${m.heapKiBPerSession.toFixed(1)} KiB heap per session; after ${m.idleSeconds} s idle ${m.idleRssKiBPerSession.toFixed(1)} and ${m.idleHeapKiBPerSession.toFixed(1)} KiB (RSS ${m.rssMiBBefore.toFixed(1)} -> ${m.rssMiBAfter.toFixed(1)} MiB), load ${loadavg()[0]!.toFixed(2)}`,
      );
    }
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  for (const [name, { rss, heap }] of results) {
    console.log(
      `${name}: median ${median(rss).toFixed(1)} KiB RSS, ${median(heap).toFixed(1)} KiB heap per session (RSS ${rss.map((v) => v.toFixed(1)).join(' ')}; heap ${heap.map((v) => v.toFixed(1)).join(' ')})`,
    );
  }
  console.log(`load average ${load.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at the end`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => killAll());
