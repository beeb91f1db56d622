/**
 * `npx tsx bench/instructions.ts [--case user_get] [--calls 2000] [--build name=path/main.js]`:
 * the user-space instructions the server executes per request, counted by valgrind's callgrind.
 * On a shared machine a rate or a CPU time moves by a tenth or more from one run to the next; an
 * instruction count moves far less (three counts of one build's user_get: 1,122,502 to 1,158,301
 * per request), so two builds compared this way differ by what their code does rather than by what
 * the machine did meanwhile. Instructions are not time (a cache miss costs many of them), so the
 * benchmark's rates remain the measure; this tells which of two builds does less.
 *
 * Each build (this one, `npm run build` -> dist/, and any given with --build) runs under callgrind
 * against one sandbox, as production runs it, with rate budgets off. One keep-alive connection
 * sends the case's request `--calls` times to warm it up; the counters are then zeroed, the same
 * number of requests sent again, and the count read: the per-request figure holds everything the
 * process did meanwhile (its log lines, its garbage collection, its compiler threads). `ping`
 * measures what every request costs before any tool runs.
 *
 * The count is taken on the connection the server warmed up on. A second connection makes V8
 * drop code it had specialized to the first one's objects, and under callgrind the compiler takes
 * longer than the count to make it again: a ping counted on a new connection took 672,000
 * instructions where it takes 402,000 on the first. Without valgrind the same happens for a few
 * thousand requests, once (a new connection's first 5,000 pings took 114 us of CPU each, the next
 * 5,000 56 us, a third connection's 64 us).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { Pool } from 'undici';
import { mcpHeaders, toolsCallBody, TOOLS_LIST_BODY } from './mcp.js';
import { freePort, killAll } from './processes.js';
import { prepareRuntime, runCommand } from './runtime.js';
import { startSandboxProcess } from './services.js';
import type { RunningSandbox } from './services.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CASES = ['ping', 'tools/list', 'user_get', 'users_list'] as const;
type Case = (typeof CASES)[number];

async function bodyOf(name: Case, sandbox: RunningSandbox): Promise<string> {
  if (name === 'ping') return JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
  if (name === 'tools/list') return TOOLS_LIST_BODY;
  if (name === 'users_list') return toolsCallBody('users_list', { limit: 100 });
  const response = await fetch(`${sandbox.url}/api/systemusers?limit=1`, {
    headers: { 'x-api-key': sandbox.apiKey },
  });
  const page = (await response.json()) as { results: { _id: string }[] };
  return toolsCallBody('user_get', { id: page.results[0]!._id });
}

/** Sends `body` `count` times, one after another, and fails on any answer that is not a success. */
async function send(
  pool: Pool,
  path: string,
  headers: Record<string, string>,
  body: string,
  count: number,
) {
  for (let i = 0; i < count; i += 1) {
    const response = await pool.request({ method: 'POST', path, headers, body });
    const text = await response.body.text();
    if (response.statusCode !== 200 || text.includes('"isError":true')) {
      throw new Error(`request ${i + 1} answered ${response.statusCode}: ${text.slice(0, 300)}`);
    }
  }
}

/** The instruction total of a callgrind dump (its `summary:` or `totals:` line). */
function dumpTotal(file: string): number {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('summary:') || l.startsWith('totals:'));
  if (!line) throw new Error(`${file} holds no summary`);
  return Number(line.split(/\s+/)[1]);
}

async function measure({
  entry,
  sandbox,
  body,
  calls,
}: {
  entry: string;
  sandbox: RunningSandbox;
  body: string;
  calls: number;
}): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'jumpcloud-mcp-callgrind-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      `--callgrind-out-file=${join(dir, 'callgrind.%p')}`,
      process.execPath,
      entry,
      ...['--host', '127.0.0.1', '--port', String(port), '--base-url', sandbox.url],
      ...['--upstream-rate', '0', '--tool-calls-per-minute', '0'],
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        JUMPCLOUD_MCP_CONFIRMATION_SECRET: randomBytes(32).toString('hex'),
      },
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4096);
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  try {
    const origin = `http://127.0.0.1:${port}`;
    // Under callgrind a start takes a minute or more.
    const deadline = performance.now() + 300_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the server under callgrind (${entry}) exited: ${stderr}`);
      const ready = await fetch(`${origin}/readyz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) break;
      if (performance.now() > deadline)
        throw new Error(
          `the server under callgrind (${entry}) was not ready after 300 s: ${stderr}`,
        );
      await new Promise((done) => setTimeout(done, 500));
    }
    const pool = new Pool(origin, { connections: 1 });
    const headers = mcpHeaders({ apiKey: sandbox.apiKey });
    await send(pool, '/v1', headers, body, calls);
    const control = (flag: string) =>
      runCommand({
        command: 'callgrind_control',
        args: [flag, String(child.pid)],
        cwd: root,
        timeoutMs: 120_000,
      });
    await control('-z');
    await send(pool, '/v1', headers, body, calls);
    await control('-d');
    await pool.close();
    // The dump written on request is the file with a part number.
    const dump = readdirSync(dir).find((name) => /\.\d+\.\d+$/.test(name));
    if (!dump) throw new Error(`callgrind wrote no dump in ${dir}`);
    return dumpTotal(join(dir, dump)) / calls;
  } finally {
    kill();
    process.off('exit', kill);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const opts = new Command()
    .option('--case <name>', `what each request is: ${CASES.join(', ')}`, 'user_get')
    .option('--calls <n>', 'requests to warm up with, then requests counted', '2000')
    .option(
      '--build <name=entry>',
      'another build to count beside this one (repeatable)',
      (value: string, all: string[]) => [...all, value],
      [] as string[],
    )
    .parse()
    .opts<{ case: string; calls: string; build: string[] }>();
  if (!CASES.includes(opts.case as Case)) throw new Error(`--case: one of ${CASES.join(', ')}`);
  const check = await runCommand({
    command: 'valgrind',
    args: ['--version'],
    cwd: root,
    timeoutMs: 10_000,
  }).catch(() => undefined);
  if (check?.code !== 0)
    throw new Error('valgrind is not installed (Debian: apt-get install valgrind)');
  const runtime = await prepareRuntime({ root });
  if (runtime.tsx) throw new Error(`no build to count: ${runtime.label}`);
  const builds = [
    { name: 'this build', entry: runtime.serverEntry },
    ...opts.build.map((spec) => {
      const at = spec.indexOf('=');
      if (at <= 0) throw new Error(`--build ${spec}: give name=path/to/main.js`);
      return { name: spec.slice(0, at), entry: resolve(spec.slice(at + 1)) };
    }),
  ];
  const sandbox = await startSandboxProcess(runtime);
  const body = await bodyOf(opts.case as Case, sandbox);
  const calls = Number(opts.calls);
  const counts: number[] = [];
  for (const build of builds) {
    const perCall = await measure({ entry: build.entry, sandbox, body, calls });
    counts.push(perCall);
    const ratio = counts.length > 1 ? ` (x${(perCall / counts[0]!).toFixed(3)} this build)` : '';
    console.log(
      `${build.name}: ${Math.round(perCall).toLocaleString('en-US')} instructions per ${opts.case} request${ratio}`,
    );
  }
  console.log(
    `${calls} requests counted after ${calls} to warm up, one connection, ${runtime.label}`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => killAll());
