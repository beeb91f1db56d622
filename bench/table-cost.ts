/**
 * `npx tsx bench/table-cost.ts [--pages 2000] [--rounds 5] [--against <module>] [--cpu-prof]`:
 * the CPU cost of writing a result page as the text the model reads, in process and without the
 * server around it. Full pages (limit 100) of users_list, devices_list and di_events_get come from
 * the embedded sandbox; each is written `--pages` times per round as the result text with its
 * token estimate against the result budget (what a call spends), as the table alone, and as
 * compact JSON for scale. The report gives CPU microseconds per page of the least disturbed round
 * (process.cpuUsage(), which also counts V8's collector threads, so a case may pay for some of the
 * garbage of the case before it) and the garbage collector's share. `--against` names a module
 * exporting another `tableText` (and `estimateTokens`), such as test/mcp/table-text.reference.ts,
 * timed in the same rounds, interleaved, and checked to write the same text. `--cpu-prof`
 * profiles the rounds and prints where the time went (the profile lands in bench/.tmp/).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import pino from 'pino';
import { tools } from '../generated/index.js';
import { upstreamServers } from '../generated/upstream.js';
import type { Upstream, UpstreamPaths } from '../generated/upstream.js';
import { apiKeyCredential, apiKeyPrincipal } from '../src/auth/api-key.js';
import { fitToBudget } from '../src/mcp/result-budget.js';
import { estimateTokens, findList, resultText, tableText } from '../src/mcp/result-text.js';
import type { ToolDeps } from '../src/registry/types.js';
import { startSandbox } from '../src/sandbox/index.js';
import { resolveBaseUrls } from '../src/upstream/base-urls.js';
import { createUpstreamApi } from '../src/upstream/create-upstream-api.js';
import { summarizeProfile } from './cpu-profile.js';
import type { CpuProfile } from './cpu-profile.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NOW = new Date('2026-06-15T12:00:00Z');
const TOOLS = ['users_list', 'devices_list', 'di_events_get'] as const;
const BUDGET = { format: 'compact', budgetTokens: 12_000 } as const;

type Rows = Record<string, unknown>[];
type Render = (rows: readonly Record<string, unknown>[]) => string;

interface Page {
  tool: string;
  data: unknown;
  rows: Rows;
}

async function loadPages(): Promise<{ pages: Page[]; close: () => Promise<void> }> {
  const sandbox = await startSandbox({ seed: 7, now: NOW });
  const api = createUpstreamApi<UpstreamPaths>({
    baseUrls: resolveBaseUrls({ servers: upstreamServers, region: 'us', baseUrl: sandbox.url }),
    credential: apiKeyCredential(sandbox.apiKey),
    clientName: 'bench',
    timeoutMs: 10_000,
  });
  const deps: ToolDeps<Upstream> = {
    api,
    signal: new AbortController().signal,
    ctx: {
      requestId: 'bench',
      principal: apiKeyPrincipal(sandbox.apiKey),
      clientName: 'bench',
      logger: pino({ level: 'silent' }),
    },
  };
  const pages: Page[] = [];
  for (const name of TOOLS) {
    const tool = tools.find((t) => t.name === name);
    if (!tool) throw new Error(`no tool ${name}`);
    const args: Record<string, unknown> = { limit: 100 };
    if (name === 'di_events_get')
      Object.assign(args, {
        service: ['all'],
        start_time: new Date(NOW.getTime() - 30 * 86_400_000).toISOString(),
      });
    const raw = await tool.handler(tool.input.parse(args), deps);
    const data = Array.isArray(raw) ? { results: raw } : raw;
    const slot = findList(data);
    if (!slot) throw new Error(`${name}: no list in the result`);
    pages.push({ tool: name, data, rows: slot.rows });
  }
  return { pages, close: () => sandbox.close() };
}

/**
 * Runs `work` `count` times: the process's CPU microseconds per run (not wall time, which a busy
 * machine stretches), and the milliseconds the garbage collector reported meanwhile.
 */
async function timed(
  count: number,
  work: () => unknown,
): Promise<{ micros: number; gcMs: number }> {
  await new Promise((done) => setImmediate(done));
  gcMs = 0;
  const started = process.cpuUsage();
  for (let i = 0; i < count; i += 1) work();
  const used = process.cpuUsage(started);
  // GC entries reach the observer after the synchronous loop.
  await new Promise((done) => setTimeout(done, 0));
  return { micros: (used.user + used.system) / count, gcMs };
}

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

async function main(): Promise<void> {
  const opts = new Command()
    .name('table-cost')
    .option('--pages <n>', 'pages written per case and round', '2000')
    .option('--rounds <n>', 'rounds (the least is reported)', '5')
    .option('--against <module>', 'a module exporting another tableText, timed alongside')
    .option('--cpu-prof', 'profile the table rounds')
    .parse()
    .opts<{ pages: string; rounds: string; against?: string; cpuProf?: boolean }>();
  const count = Math.max(1, Number(opts.pages));
  const rounds = Math.max(1, Number(opts.rounds));
  const load = loadavg()[0]!;
  const { pages, close } = await loadPages();
  await close();

  let against: { tableText: Render; estimateTokens: (text: string) => number } | undefined;
  if (opts.against) {
    const module = (await import(pathToFileURL(resolve(opts.against)).href)) as {
      tableText?: Render;
      estimateTokens?: (text: string) => number;
    };
    if (!module.tableText) throw new Error(`${opts.against} exports no tableText`);
    against = {
      tableText: module.tableText,
      estimateTokens: module.estimateTokens ?? estimateTokens,
    };
    for (const page of pages)
      if (against.tableText(page.rows) !== tableText(page.rows))
        throw new Error(`${page.tool}: ${opts.against} writes another text`);
  }

  const cases: { name: string; run: (page: Page) => unknown }[] = [
    // What a call spends: the result's text, and its estimate against the result budget.
    { name: 'text + estimate', run: (page) => fitToBudget({ data: page.data, options: BUDGET }) },
    { name: 'table', run: (page) => tableText(page.rows) },
    { name: 'json', run: (page) => JSON.stringify(page.data) },
  ];
  if (against) {
    const other = against;
    cases.splice(
      1,
      0,
      {
        name: 'text + estimate (--against)',
        run: (page) => other.estimateTokens(other.tableText(page.rows)),
      },
      { name: 'table (--against)', run: (page) => other.tableText(page.rows) },
    );
  }
  const texts = new Map(pages.map((page) => [page, resultText(page.data, 'compact')]));

  const session = opts.cpuProf ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const results = new Map<string, { micros: number[]; gc: number[] }>();
  for (let round = 0; round < rounds; round += 1)
    for (const page of pages)
      for (const c of cases) {
        const key = `${page.tool}\t${c.name}`;
        const { micros, gcMs: gc } = await timed(count, () => c.run(page));
        const entry = results.get(key) ?? { micros: [], gc: [] };
        entry.micros.push(micros);
        entry.gc.push((gc * 1000) / count / micros);
        results.set(key, entry);
      }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const dir = join(root, 'bench', '.tmp');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'table-cost.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    const summary = summarizeProfile(profile as unknown as CpuProfile, 25);
    console.log(`profile: ${file}`);
    for (const share of summary.topSelf)
      console.log(`  ${share.percent.toFixed(1).padStart(5)}%  ${share.name}`);
  }

  console.log(
    `node ${process.version}; ${count} pages per case and round, the least of ${rounds} rounds (the least disturbed); load average ${load.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at the end`,
  );
  for (const page of pages) {
    const text = texts.get(page)!;
    console.log(
      `\n${page.tool}: ${page.rows.length} rows, ${text.length} characters of table, ${JSON.stringify(page.data).length} of JSON`,
    );
    for (const c of cases) {
      const { micros, gc } = results.get(`${page.tool}\t${c.name}`)!;
      const best = micros.indexOf(Math.min(...micros));
      console.log(
        `  ${c.name.padEnd(28)} ${micros[best]!.toFixed(1).padStart(8)} us per page  (gc ${(gc[best]! * 100).toFixed(0)}%)`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
