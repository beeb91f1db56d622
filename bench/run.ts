/**
 * `npm run bench` measures tools/call overhead, tools/list, memory, cold start, codegen and
 * response cost; prints one report and writes bench/results.json. `--quick` is a smoke run of
 * every section (seconds, not minutes) that writes to bench/.tmp/ unless `--out` says otherwise.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { checkTargets, renderReport } from './report.js';
import { runBench } from './run-bench.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

const opts = new Command()
  .name('bench')
  .description('Benchmark the MCP server against the sandbox, side by side with direct calls')
  .option('--quick', 'smoke run: every section, tiny counts, figures not representative')
  .option('--out <file>', 'where to write the results JSON')
  .option('--tsx', 'run the TypeScript sources through tsx instead of building dist/')
  .parse()
  .opts<{ quick?: boolean; out?: string; tsx?: boolean }>();

const quick = Boolean(opts.quick);
const out = resolve(
  opts.out ??
    (quick
      ? join(root, 'bench', '.tmp', 'results-quick.json')
      : join(root, 'bench', 'results.json')),
);

try {
  const results = await runBench({
    root,
    quick,
    tsx: Boolean(opts.tsx),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const targets = checkTargets(results);
  process.stdout.write(`\n${renderReport(results, targets)}\n`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ ...results, targets }, null, 2)}\n`);
  process.stderr.write(`\nWrote ${out}\n`);
} catch (error) {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}
