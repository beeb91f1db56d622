/**
 * `npx tsx bench/cold-start.ts [--runs 10] [--build name=path/to/main.js ...]`: section 4 (cold
 * start) alone. Builds the server (`npm run build`) and starts it `--runs` times against one
 * sandbox; each `--build` adds another server entry (e.g. an older build kept in bench/.tmp/),
 * started in turn with the others in every round, so all of them see the same machine load. Prints
 * the medians to /readyz and to the first tools/list, the server's CPU time until then (steadier
 * than wall time on a busy machine), and `node -e 0` measured in the same rounds. The working
 * tree's build runs twice in every round: with its code cache (the build's, to which one start
 * before the rounds, stopped gracefully, adds its requests') and with the cache turned off.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { killAll } from './processes.js';
import { prepareRuntime } from './runtime.js';
import type { Runtime } from './runtime.js';
import { startSandboxProcess } from './services.js';
import { coldStartOnce, median, NO_COMPILE_CACHE, nodeFloorOnce } from './sections/cold-start.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

async function main(): Promise<void> {
  const opts = new Command()
    .name('cold-start')
    .option('--runs <n>', 'rounds', '10')
    .option(
      '--build <name=entry>',
      'another server entry to start in every round (repeatable)',
      (v, all: string[]) => [...all, v],
      [],
    )
    .option('--no-current', 'leave out the build of the working tree')
    .parse()
    .opts<{ runs: string; build: string[]; current: boolean }>();
  const runtime = await prepareRuntime({ root });
  const entries: { name: string; runtime: Runtime; env?: Record<string, string> }[] = [
    ...(opts.current
      ? [
          { name: 'current', runtime },
          { name: 'no cache', runtime, env: { ...NO_COMPILE_CACHE } },
        ]
      : []),
    ...opts.build.map((spec) => {
      const [name, entry = ''] = spec.split(/=(.*)/s);
      return { name: name!, runtime: { ...runtime, serverEntry: resolve(entry) } };
    }),
  ];
  const sandbox = await startSandboxProcess(runtime);
  // One start of each, stopped gracefully: a built entry adds to its code cache then.
  for (const entry of entries)
    await coldStartOnce({ runtime: entry.runtime, sandbox, env: entry.env, graceful: true });
  const load0 = loadavg()[0]!;
  const floor: number[] = [];
  const figures = entries.map(() => ({
    ready: [] as number[],
    list: [] as number[],
    cpu: [] as number[],
  }));
  const runs = Number(opts.runs);
  for (let round = 0; round < runs; round += 1) {
    floor.push(await nodeFloorOnce());
    // Each round in another order, so that none is always first after the floor.
    for (let k = 0; k < entries.length; k += 1) {
      const i = (k + round) % entries.length;
      const { readyMs, listMs, cpuMs } = await coldStartOnce({
        runtime: entries[i]!.runtime,
        sandbox,
        env: entries[i]!.env,
      });
      figures[i]!.ready.push(readyMs);
      figures[i]!.list.push(listMs);
      figures[i]!.cpu.push(cpuMs);
    }
  }
  const ms = (v: number) => `${v.toFixed(0).padStart(5)} ms`;
  console.log(`${runtime.label}; ${runs} rounds`);
  entries.forEach((entry, i) => {
    const { ready, list, cpu } = figures[i]!;
    console.log(
      `${entry.name.padEnd(12)} /readyz ${ms(median(ready))}  first tools/list ${ms(median(list))}` +
        ` (min ${ms(Math.min(...list))}, max ${ms(Math.max(...list))});` +
        ` server CPU to it ${ms(median(cpu))} (min ${ms(Math.min(...cpu))})`,
    );
  });
  console.log(`${'node -e 0'.padEnd(12)}         ${ms(median(floor))}`);
  console.log(
    `load average ${load0.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end`,
  );
  await sandbox.child.kill();
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => killAll());
