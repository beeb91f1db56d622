/**
 * Child processes of the benchmark: every one is tracked and killed when the benchmark exits, on
 * success, failure or signal. Each also loads bench/memory-probe.mjs, which makes it exit when the
 * benchmark's IPC channel closes (even if the benchmark itself is killed) and answers memory probes;
 * except a child started with `probe: false` (the cold start measures the product's own start: no
 * preload, no IPC channel, CPU time read from /proc).
 */
import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { delimiter, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROBE = fileURLToPath(new URL('./memory-probe.mjs', import.meta.url));
const children = new Set<ChildProcess>();
let hooked = false;

/** Kills every child still running (SIGKILL: nothing of theirs needs a graceful shutdown). */
export function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

/** A free TCP port on 127.0.0.1 (bound and released; the child binds it right after). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Child {
  process: ChildProcess;
  pid: number;
  /** The last few KiB of stderr, for error messages. */
  stderrTail(): string;
  /** Asks the child for process.memoryUsage() after a full GC. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** The child's CPU time so far (user + system), microseconds. */
  cpuMicros(): Promise<number>;
  /** Writes a heap snapshot (after a GC) to `path`. */
  snapshot(path: string): Promise<void>;
  /** Resolves when the child has exited. */
  exited: Promise<void>;
  kill(): Promise<void>;
  /** SIGTERM (graceful: lets --cpu-prof write its profile), SIGKILL after `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

/**
 * The CPU time (user + system) of a running process, microseconds, from /proc: the sum of its
 * threads' schedstat (nanoseconds; V8's compiler and GC threads included, as in
 * process.cpuUsage()), or /proc/<pid>/stat in clock ticks (10 ms) where schedstat is missing.
 */
export async function procCpuMicros(pid: number): Promise<number> {
  try {
    const tasks = await readdir(`/proc/${pid}/task`);
    let nanos = 0;
    for (const task of tasks) {
      const text = await readFile(`/proc/${pid}/task/${task}/schedstat`, 'utf8').catch(() => '0');
      nanos += Number(text.split(' ')[0]);
    }
    if (nanos > 0) return nanos / 1000;
  } catch {
    // No schedstat: fall back to the clock ticks of stat.
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100;
}

/**
 * Spawns `node [--import tsx] --expose-gc --import memory-probe.mjs <entry> <args>` with stdout
 * ignored (or handed to `onStdout`) and an IPC channel for memory probes; with `probe: false`,
 * `node [--import tsx] <entry> <args>` alone.
 */
export function spawnNode({
  entry,
  command,
  args,
  tsx,
  env = {},
  onStdout,
  nodeFlags = [],
  probe = true,
}: {
  entry: string;
  /**
   * A shell script that runs `node <entry>` under the environment it sets (the built server's
   * command, dist/jumpcloud-mcp): started instead of node, with this node first on PATH and the
   * node flags in NODE_OPTIONS, unless one of them is a flag NODE_OPTIONS refuses (--cpu-prof).
   */
  command?: string;
  args: readonly string[];
  tsx: boolean;
  env?: Record<string, string>;
  onStdout?: (chunk: string) => void;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: readonly string[];
  /**
   * Preload the memory probe with an IPC channel (default). Without it memory() and snapshot()
   * fail, cpuMicros() reads /proc, and a child outlives a benchmark killed with SIGKILL.
   */
  probe?: boolean;
}): Child {
  hookExit();
  const flags = [
    ...(tsx ? ['--import', 'tsx'] : []),
    ...(probe ? ['--expose-gc'] : []),
    ...nodeFlags,
    ...(probe ? ['--import', PROBE] : []),
  ];
  const stdio: StdioOptions = [
    'ignore',
    onStdout ? 'pipe' : 'ignore',
    'pipe',
    ...(probe ? ['ipc' as const] : []),
  ];
  // A flag NODE_OPTIONS does not take (--cpu-prof) runs the entry under node directly.
  const viaCommand =
    command !== undefined &&
    flags.every(
      (flag) =>
        !flag.startsWith('-') || process.allowedNodeEnvironmentFlags.has(flag.split('=')[0]!),
    );
  const child = viaCommand
    ? spawn('/bin/sh', [command, ...args], {
        stdio,
        env: {
          ...process.env,
          PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
          // Each flag quoted, as NODE_OPTIONS reads a path with spaces.
          NODE_OPTIONS: flags.map((flag) => `"${flag.replace(/["\\]/g, '\\$&')}"`).join(' '),
          ...env,
        },
      })
    : spawn(process.execPath, [...flags, entry, ...args], {
        stdio,
        env: { ...process.env, ...env },
      });
  children.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4096);
  });
  if (onStdout) child.stdout?.setEncoding('utf8').on('data', onStdout);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));
  let probeSeq = 0;
  const noProbe = (what: string) =>
    Promise.reject(new Error(`pid ${child.pid} was started without the probe: no ${what}`));
  const memory = () => (probe ? askMemory() : noProbe('memory probe'));
  const askMemory = () =>
    new Promise<NodeJS.MemoryUsage>((resolve, reject) => {
      const id = ++probeSeq;
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`pid ${child.pid} did not answer a memory probe`));
      }, 10_000);
      const onMessage = (message: unknown) => {
        const reply = message as { probe?: number; memory?: NodeJS.MemoryUsage };
        if (reply.probe !== id || !reply.memory) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(reply.memory);
      };
      child.on('message', onMessage);
      child.send({ probe: id });
    });
  const cpuMicros = () => (probe ? askCpu() : procCpuMicros(child.pid ?? -1));
  const askCpu = () =>
    new Promise<number>((resolve, reject) => {
      const id = ++probeSeq;
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`pid ${child.pid} did not answer a CPU probe`));
      }, 10_000);
      const onMessage = (message: unknown) => {
        const reply = message as { cpu?: number; usage?: NodeJS.CpuUsage };
        if (reply.cpu !== id || !reply.usage) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(reply.usage.user + reply.usage.system);
      };
      child.on('message', onMessage);
      child.send({ cpu: id });
    });
  const snapshot = (path: string) => (probe ? askSnapshot(path) : noProbe('heap snapshot'));
  const askSnapshot = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`pid ${child.pid} wrote no heap snapshot`));
      }, 120_000);
      const onMessage = (message: unknown) => {
        if ((message as { snapshot?: string }).snapshot !== path) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      child.send({ snapshot: path });
    });
  return {
    process: child,
    pid: child.pid ?? -1,
    snapshot,
    cpuMicros,
    stderrTail: () => stderr.trim(),
    memory,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async (graceMs) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `check` resolves true, failing early if the child exits, or after `timeoutMs`. */
export async function waitUntil({
  child,
  check,
  timeoutMs,
  what,
}: {
  child: Child;
  check: () => Promise<boolean>;
  timeoutMs: number;
  what: string;
}): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (performance.now() < deadline) {
    if (exited) throw new Error(`${what}: the process exited early. ${child.stderrTail()}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms. ${child.stderrTail()}`);
}
