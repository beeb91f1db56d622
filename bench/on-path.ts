/**
 * `npx tsx bench/on-path.ts [--tool user_get] [--seconds 8] [--warmup 4000] [--rounds 2]
 * [--frequency 10000] [--bare-proxy] [--build path/to/main.js] [--detail src/mcp,koa]`: where the
 * server's own time goes on a call's path at concurrency 1, by the part of the call it falls in and
 * by the code that spent it.
 *
 * At c=1 the client, the server and the upstream take turns (bench/critical-path.ts), so only the
 * server's work between reading the client's request and writing the upstream request, and between
 * reading the upstream's answer and writing the answer, adds to each call's time; what the server
 * does while the upstream or the client works runs beside them. This runs the built server as
 * production does (with `--perf-basic-prof-only-functions`, so that perf names its JavaScript
 * functions) against the sandbox, driven by one SDK client, and records its CPU samples (call
 * graphs) together with its socket reads and writes (`perf record`). Each sample of the main thread
 * is placed in the part of the call that was under way when it was taken:
 *
 *   request:  the client's request read          -> the upstream request written
 *   upstream: the upstream request written       -> the first read of its answer (beside the upstream)
 *   answer:   the first read of the upstream's answer -> the answer written
 *   after:    the answer written                 -> the next request read (beside the client)
 *
 * and given to what spent it: a system call (the kernel), V8's garbage collector, JSON.parse,
 * JSON.stringify, V8's compiler, else the innermost JavaScript function on its stack, named by the
 * source it was built from (the build's source maps): this server's directories (`src/mcp`, ...),
 * each package (`koa`, `undici`, ...), and Node's own modules (`node:http`, ...). Samples of the
 * process's other threads (V8's compiler and GC helpers) are counted apart. perf's own cost
 * inflates every figure alike: read the shares, and the microseconds against each other.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { openClientPool } from './client-load.js';
import { clientSocketFds } from './critical-path.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { mcpHeaders, postJsonRpc, toolsCallBody, TOOLS_LIST_BODY } from './mcp.js';
import { killAll } from './processes.js';
import { prepareRuntime } from './runtime.js';
import { startReplay, upstreamOf } from './sections/peers.js';
import { startSandboxProcess, startServerProcess } from './services.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type Phase = 'request' | 'upstream' | 'answer' | 'after';
export const PHASES: readonly Phase[] = ['request', 'upstream', 'answer', 'after'];

/** One sample or system call of `perf script` (-F comm,pid,tid,time,period,event,ip,sym,trace). */
export interface PerfEvent {
  pid: number;
  tid: number;
  /** Seconds. */
  time: number;
  event: string;
  /** A sample's period (nanoseconds of cpu-clock); 0 for a system call. */
  period: number;
  /** The tracepoint's fields (`fd: 0x..., count: 0x...`, or an exit's return value). */
  trace: string;
  /** A sample's call graph, innermost first: address and symbol. */
  frames: { ip: string; sym: string }[];
}

const HEADER = /^\s*\S+\s+(\d+)\/(\d+)\s+([\d.]+):\s+(?:(\d+)\s+)?([\w:-]+):\s*(.*)$/;

/** Splits `perf script` output into its events. */
export function parsePerfScript(text: string): PerfEvent[] {
  const events: PerfEvent[] = [];
  let current: PerfEvent | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    if (line.startsWith('\t') || line.startsWith('        ')) {
      if (!current) continue;
      const trimmed = line.trim();
      const space = trimmed.indexOf(' ');
      current.frames.push(
        space < 0
          ? { ip: trimmed, sym: '[unknown]' }
          : { ip: trimmed.slice(0, space), sym: trimmed.slice(space + 1) },
      );
      continue;
    }
    const match = HEADER.exec(line);
    if (!match) continue;
    current = {
      pid: Number(match[1]),
      tid: Number(match[2]),
      time: Number(match[3]),
      period: Number(match[4] ?? 0),
      event: match[5]!,
      trace: match[6]!,
      frames: [],
    };
    events.push(current);
  }
  return events;
}

const hexField = (trace: string, name: string): number | undefined => {
  const match = new RegExp(`${name}: (0x[0-9a-f]+)`).exec(trace);
  return match ? parseInt(match[1]!, 16) : undefined;
};

/** An exit's return value (`sys_exit_read: 0x1e0`), negative for an error. */
const returned = (trace: string): number => {
  const value = BigInt.asIntN(64, BigInt(/(0x[0-9a-f]+|-?\d+)/.exec(trace)?.[1] ?? '0'));
  return Number(value);
};

/** Shorter than any HTTP message: an eventfd's wake-up (8 bytes) is not one. */
const MIN_MESSAGE_BYTES = 16;

export interface PhaseSamples {
  /** Calls whose request was read in the recording. */
  calls: number;
  /** Main-thread samples per phase: nanoseconds by component. */
  phases: Record<Phase, Map<string, number>>;
  /** Nanoseconds sampled on the process's other threads. */
  otherThreadsNs: number;
}

/**
 * Places each main-thread sample of process `pid` in the part of the call under way (see the top of
 * this file) and gives it to `componentOf`. Samples before the first request read are left out.
 */
export function samplesByPhase({
  events,
  pid,
  clientFds,
  componentOf,
}: {
  events: readonly PerfEvent[];
  pid: number;
  clientFds: ReadonlySet<number>;
  componentOf: (frames: PerfEvent['frames']) => string;
}): PhaseSamples {
  const phases = Object.fromEntries(PHASES.map((phase) => [phase, new Map<string, number>()]));
  const result: PhaseSamples = {
    calls: 0,
    phases: phases as Record<Phase, Map<string, number>>,
    otherThreadsNs: 0,
  };
  let phase: Phase | undefined;
  let readingFd = -1;
  for (const event of events) {
    if (event.pid !== pid) continue;
    if (event.tid !== pid) {
      if (event.event === 'cpu-clock') result.otherThreadsNs += event.period;
      continue;
    }
    switch (event.event) {
      case 'syscalls:sys_enter_read':
        readingFd = hexField(event.trace, 'fd') ?? -1;
        break;
      case 'syscalls:sys_exit_read': {
        if (returned(event.trace) < MIN_MESSAGE_BYTES) break;
        if (clientFds.has(readingFd)) {
          // A request; one read while the upstream is asked belongs to a call answered locally.
          if (phase === 'upstream') break;
          phase = 'request';
          result.calls += 1;
        } else if (phase === 'upstream') phase = 'answer';
        break;
      }
      case 'syscalls:sys_enter_write':
      case 'syscalls:sys_enter_writev': {
        const fd = hexField(event.trace, 'fd') ?? -1;
        if (fd <= 2) break;
        // write's count is bytes; writev's vlen is not, and only the answer goes by writev.
        const count = hexField(event.trace, 'count');
        if (count !== undefined && count < MIN_MESSAGE_BYTES) break;
        if (clientFds.has(fd)) {
          if (phase === 'answer') phase = 'after';
        } else if (phase === 'request') phase = 'upstream';
        break;
      }
      default:
        if (phase === undefined || event.event !== 'cpu-clock') break;
        {
          const component = componentOf(event.frames);
          const byComponent = result.phases[phase];
          byComponent.set(component, (byComponent.get(component) ?? 0) + event.period);
        }
    }
  }
  return result;
}

const KERNEL_ADDRESS = /^ffffffff/;
const GC = /Heap::|Scavenger|MarkCompact|MinorMark|ConcurrentMarking|Sweeper|Heap::Collect/;
/** V8 compiling (a lazy function's first compile, Sparkplug, Maglev); not the CompileLazy builtin
 * every new closure's first call passes through, which is the calling function's cost. */
const COMPILER =
  /v8::internal::(?:Compiler::|Parser::|ParserBase|maglev::|compiler::|baseline::|interpreter::)/;
const JS_FRAME = /^JS:[*~^+]?(.*?) ((?:file:\/\/|node:|\/)\S+?):(\d+):(\d+)$/;

/** The component of a JavaScript source: `src/<dir>`, a package, a Node module group. */
export function componentOfSource(source: string): string {
  if (source.startsWith('node:')) {
    const name = source.slice('node:'.length).replace(/^internal\//, '');
    if (/^_http_|^http/.test(name)) return 'node:http';
    if (/^streams\/|^stream/.test(name)) return 'node:streams';
    if (/^(net|stream_base_commons)$/.test(name)) return 'node:net';
    if (/^(timers|process\/task_queues|process\/promises|async_hooks)/.test(name))
      return 'node:timers, promises';
    if (/^events/.test(name)) return 'node:events';
    return 'node: other';
  }
  // The innermost package of a path (a package's own node_modules holds its dependencies).
  const modules = source.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = source.slice(modules + 'node_modules/'.length).split('/');
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
  }
  const ours = /(?:^|\/)(src|generated)\/(?:([^/]+)\/)?/.exec(source);
  if (ours) return ours[2] && !ours[2].includes('.') ? `${ours[1]}/${ours[2]}` : ours[1]!;
  // The benchmark's own servers (the bare proxy: bench/peers/replay.mjs).
  return /(?:^|\/)(bench\/.*)$/.exec(source)?.[1] ?? source;
}

/**
 * What spent a sample (see the top of this file). `sourceOf` maps a JavaScript frame's file URL,
 * line and column (1-based) to its original source, or undefined where no map names it.
 */
export function classifySample(
  frames: PerfEvent['frames'],
  sourceOf: (file: string, line: number, column: number) => string | undefined,
): string {
  let start = 0;
  if (frames.length > 0 && KERNEL_ADDRESS.test(frames[0]!.ip)) {
    const kernel = frames.findIndex((frame) => !KERNEL_ADDRESS.test(frame.ip));
    const chain = kernel < 0 ? frames : frames.slice(0, kernel);
    // In a system call the kernel works for the process; a timer interrupt's frames are perf's.
    if (chain.some((frame) => /entry_SYSCALL|do_syscall/.test(frame.sym))) return 'kernel';
    if (kernel < 0) return 'kernel';
    start = kernel;
  }
  const user = frames.slice(start);
  if (user.some((frame) => GC.test(frame.sym))) return 'V8 garbage collection';
  const js = user.findIndex((frame) => frame.sym.startsWith('JS:'));
  const native = js < 0 ? user : user.slice(0, js);
  if (native.some((frame) => /JsonParse/.test(frame.sym))) return 'V8 JSON.parse';
  if (native.some((frame) => /JsonStringif/.test(frame.sym))) return 'V8 JSON.stringify';
  if (native.some((frame) => COMPILER.test(frame.sym))) return 'V8 compiler';
  if (js < 0) return 'node, libuv (native)';
  const sym = user[js]!.sym;
  if (/wasm/.test(sym)) return 'undici (llhttp wasm)';
  const match = JS_FRAME.exec(sym);
  if (!match) return 'JavaScript (unnamed)';
  const [, , file, line, column] = match;
  if (file!.startsWith('node:')) return componentOfSource(file!);
  return componentOfSource(sourceOf(file!, Number(line), Number(column)) ?? file!);
}

/** The build's source maps by the file they map, read once for every resolver. */
const maps = new Map<string, SourceMap | undefined>();

/** Resolves bundled frames through the build's source maps (`<file>.map`), cached per file. */
export function sourceMapResolver({ lines = false }: { lines?: boolean } = {}): (
  file: string,
  line: number,
  column: number,
) => string | undefined {
  return (file, line, column) => {
    let map = maps.get(file);
    if (!maps.has(file)) {
      try {
        const path = fileURLToPath(file);
        map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
      } catch {
        map = undefined;
      }
      maps.set(file, map);
    }
    const entry = map?.findEntry(line - 1, column - 1) as
      { originalSource?: string; originalLine?: number } | undefined;
    if (!lines || entry?.originalSource === undefined) return entry?.originalSource;
    return `${entry.originalSource}:${(entry.originalLine ?? 0) + 1}`;
  };
}

/** Two recordings of one server as one. */
export function mergeSamples(a: PhaseSamples, b: PhaseSamples): PhaseSamples {
  const phases = {} as Record<Phase, Map<string, number>>;
  for (const phase of PHASES) {
    const sum = new Map(a.phases[phase]);
    for (const [component, ns] of b.phases[phase])
      sum.set(component, (sum.get(component) ?? 0) + ns);
    phases[phase] = sum;
  }
  return {
    calls: a.calls + b.calls,
    phases,
    otherThreadsNs: a.otherThreadsNs + b.otherThreadsNs,
  };
}

/** The report: per phase, microseconds per call by component, largest first, each server a column. */
export function formatPhases(
  servers: readonly { name: string; samples: PhaseSamples }[],
  top = 12,
): string[] {
  const lines: string[] = [];
  const perCall = (samples: PhaseSamples, ns: number) => ns / 1000 / Math.max(samples.calls, 1);
  const cell = (text: string) => text.padStart(16);
  lines.push(`  ${'us per call (sampled)'.padEnd(32)}${servers.map((s) => cell(s.name)).join('')}`);
  for (const phase of PHASES) {
    const totals = servers.map(({ samples }) =>
      perCall(
        samples,
        [...samples.phases[phase].values()].reduce((sum, ns) => sum + ns, 0),
      ),
    );
    lines.push(`  ${phase.padEnd(32)}${totals.map((t) => cell(t.toFixed(0))).join('')}`);
    const components = new Map<string, number>();
    for (const { samples } of servers)
      for (const [component, ns] of samples.phases[phase])
        components.set(component, Math.max(components.get(component) ?? 0, perCall(samples, ns)));
    const largest = [...components].sort((a, b) => b[1] - a[1]).slice(0, top);
    for (const [component] of largest) {
      const values = servers.map(({ samples }, i) => {
        const us = perCall(samples, samples.phases[phase].get(component) ?? 0);
        const share = (100 * us) / Math.max(totals[i]!, 1e-9);
        return cell(`${us.toFixed(1)} (${share.toFixed(0)}%)`);
      });
      lines.push(`    ${component.padEnd(30)}${values.join('')}`);
    }
  }
  lines.push(
    `  ${'other threads'.padEnd(32)}${servers
      .map(({ samples }) => cell(perCall(samples, samples.otherThreadsNs).toFixed(0)))
      .join('')}`,
  );
  return lines;
}

/** Runs `perf script` on a recording. */
function perfScript(data: string): Promise<string> {
  return new Promise<string>((done, fail) => {
    const child = spawn(
      'perf',
      ['script', '-i', data, '-F', 'comm,pid,tid,time,period,event,ip,sym,trace'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', fail);
    child.once('exit', () => done(Buffer.concat(chunks).toString('utf8')));
  });
}

/**
 * Drives one server with one SDK client (`warmup` calls first), records it for `seconds` while the
 * client goes on, and places the samples.
 */
async function profileServer({
  pid,
  url,
  headers,
  tool,
  args,
  seconds,
  warmup,
  frequency,
  componentOf,
}: {
  pid: number;
  url: string;
  headers: Record<string, string>;
  tool: string;
  args: Record<string, unknown>;
  seconds: number;
  warmup: number;
  frequency: number;
  componentOf: (frames: PerfEvent['frames']) => string;
}): Promise<{ samples: PhaseSamples; rps: number }> {
  const pool = await openClientPool({ target: { url, headers, tool, args }, connections: 1 });
  try {
    await pool.run({ seconds: 60, maxRequests: warmup });
    const out = join(tmpdir(), `on-path-${pid}-${Date.now()}.data`);
    const perf = spawn(
      'perf',
      [
        'record',
        '-F',
        String(frequency),
        '-g',
        '-e',
        'cpu-clock',
        ...['syscalls:sys_enter_read', 'syscalls:sys_exit_read'].flatMap((e) => ['-e', e]),
        ...['syscalls:sys_enter_write', 'syscalls:sys_enter_writev'].flatMap((e) => ['-e', e]),
        ...['-p', String(pid), '-o', out, '--', 'sleep', String(seconds)],
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let perfErr = '';
    perf.stderr.setEncoding('utf8').on('data', (chunk: string) => (perfErr += chunk));
    const recorded = new Promise<number | null>((done) => perf.once('exit', done));
    const load = await pool.run({ seconds: seconds + 1, maxRequests: 10_000_000 });
    const code = await recorded;
    const clientFds = clientSocketFds(pid, Number(new URL(url).port));
    try {
      if (code !== 0) throw new Error(`perf record failed (${code}): ${perfErr.trim()}`);
      const events = parsePerfScript(await perfScript(out));
      const samples = samplesByPhase({ events, pid, clientFds, componentOf });
      if (samples.calls === 0) {
        throw new Error(
          `perf recorded no request read by pid ${pid} (client sockets ${[...clientFds].join(', ') || 'none'}): does perf see the syscalls:sys_enter_read tracepoints here? ${perfErr.trim()}`,
        );
      }
      return { samples, rps: load.rps };
    } finally {
      rmSync(out, { force: true });
    }
  } finally {
    await pool.close();
  }
}

async function main(): Promise<void> {
  const opts = new Command()
    .option('--tool <name>', 'user_get or users_list', 'user_get')
    .option('--seconds <n>', 'seconds recorded per server', '8')
    .option('--warmup <calls>', 'calls before each recording', '4000')
    .option('--rounds <n>', 'recordings of each server, taking turns', '2')
    .option('--frequency <hz>', 'samples per second', '10000')
    .option('--build <entry>', 'profile this built entry (path/to/main.js) instead of dist/')
    .option('--bare-proxy', 'also profile the bare proxy of section 7 (bench/peers/replay.mjs)')
    .option('--detail <components>', "also list these components' functions (a,b,...)")
    .parse()
    .opts<{
      tool: string;
      seconds: string;
      warmup: string;
      rounds: string;
      frequency: string;
      build?: string;
      bareProxy?: boolean;
      detail?: string;
    }>();
  if (!['user_get', 'users_list'].includes(opts.tool))
    throw new Error('--tool: user_get or users_list');
  const runtime = await prepareRuntime({ root });
  const built = opts.build ? { ...runtime, serverEntry: resolve(opts.build) } : runtime;
  const sandbox = await startSandboxProcess(runtime);
  const server = await startServerProcess({
    runtime: built,
    sandboxUrl: sandbox.url,
    stateful: false,
    nodeFlags: ['--perf-basic-prof-only-functions'],
  });
  const headers = mcpHeaders({ apiKey: sandbox.apiKey });
  // The first request checks the key with the upstream once; the calls after it are then alone.
  await (await fetch(server.url, { method: 'POST', headers, body: TOOLS_LIST_BODY })).text();
  const page = (await (
    await fetch(`${sandbox.url}/api/systemusers?limit=1`, {
      headers: { 'x-api-key': sandbox.apiKey, accept: 'application/json' },
    })
  ).json()) as { results: { _id: string }[] };
  const args = opts.tool === 'user_get' ? { id: page.results[0]!._id } : { limit: 100 };

  const servers: { name: string; pid: number; url: string }[] = [
    { name: 'jumpcloud-mcp', pid: server.child.pid, url: server.url },
  ];
  if (opts.bareProxy) {
    // The bare proxy answers with this server's answer after making its upstream request.
    const upstream = await upstreamOf({ sandbox, url: server.url, tool: opts.tool, args });
    const { message } = await postJsonRpc({
      url: server.url,
      headers,
      body: toolsCallBody(opts.tool, args),
    });
    const answersFile = join(tmpdir(), `on-path-answers-${Date.now()}.json`);
    writeFileSync(
      answersFile,
      JSON.stringify({
        protocolVersion: LATEST_PROTOCOL_VERSION,
        tools: [],
        calls: { [opts.tool]: message.result },
        upstream: { [opts.tool]: upstream },
      }),
    );
    const bare = await startReplay({
      root,
      answersFile,
      sandbox,
      nodeFlags: ['--perf-basic-prof-only-functions'],
    });
    servers.push({ name: 'bare proxy', pid: bare.child.pid, url: bare.url });
  }

  const sourceOf = sourceMapResolver();
  const sourceLine = sourceMapResolver({ lines: true });
  // With --detail, that component's samples are counted by their innermost symbol too.
  const detail = new Map<string, number>();
  const detailed = new Set(opts.detail?.split(',') ?? []);
  const profiled: { name: string; samples: PhaseSamples }[] = [];
  // The servers take turns, round after round, so that the machine's changing speed falls on both.
  const merged = new Map<string, { samples: PhaseSamples; rates: number[] }>();
  for (let round = 1; round <= Number(opts.rounds); round += 1) {
    for (const { name, pid, url } of servers) {
      const { samples, rps } = await profileServer({
        pid,
        url,
        headers: { authorization: headers.authorization! },
        tool: opts.tool,
        args,
        seconds: Number(opts.seconds),
        warmup: Number(opts.warmup),
        frequency: Number(opts.frequency),
        componentOf: (frames) => {
          const component = classifySample(frames, sourceOf);
          if (name === 'jumpcloud-mcp' && detailed.has(component)) {
            // The innermost function of the stack, named by its source line (where it starts).
            const js = frames.find((frame) => JS_FRAME.test(frame.sym))?.sym ?? '?';
            const [, name, file, line, column] = JS_FRAME.exec(js) ?? [];
            const at = file ? (sourceLine(file, Number(line), Number(column)) ?? file) : js;
            const key = `${component}: ${name || '(anonymous)'} ${at.replace(/^(\.\.\/)+/, '')}`;
            detail.set(key, (detail.get(key) ?? 0) + 1);
          }
          return component;
        },
      });
      const entry = merged.get(name);
      if (entry) {
        entry.samples = mergeSamples(entry.samples, samples);
        entry.rates.push(rps);
      } else merged.set(name, { samples, rates: [rps] });
    }
  }
  for (const [name, { samples, rates }] of merged) {
    console.log(
      `${name}: ${opts.tool} at c=1, ${rates.map((r) => r.toFixed(0)).join(', ')} calls/s while ` +
        `recorded, ${samples.calls} calls recorded at ${opts.frequency} samples/s`,
    );
    profiled.push({ name, samples });
  }
  // The symbol maps Node wrote for perf (--perf-basic-prof-only-functions) are read.
  for (const { pid } of servers) rmSync(join(tmpdir(), `perf-${pid}.map`), { force: true });
  console.log(`(${relative(root, built.serverEntry)})`);
  for (const line of formatPhases(profiled)) console.log(line);
  if (opts.detail) {
    console.log(`  ${opts.detail} in jumpcloud-mcp, by innermost function (samples):`);
    for (const [sym, count] of [...detail].sort((a, b) => b[1] - a[1]).slice(0, 60))
      console.log(`    ${String(count).padStart(6)}  ${sym}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => killAll());
}
