/**
 * Where one call's time goes at concurrency 1, read from a server's own system calls: at c=1 the
 * client, the server and the upstream take turns, so the moments the server reads and writes its
 * two sockets split every call into four consecutive parts:
 *
 *   request:  the client's request read         -> the upstream request written  (the server)
 *   upstream: the upstream request written      -> the last read of its answer   (the upstream)
 *   answer:   the last read of the upstream's answer -> the answer written       (the server)
 *   client:   the answer written                -> the next request read         (the client)
 *
 * The server runs unchanged: `perf trace` records its read/write system calls (each traced call
 * costs some microseconds more, alike for every server traced). The sockets to the client are those
 * whose local port is the server's; every other socket is the upstream.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface CallParts {
  /** Calls seen whole (request, upstream request, answer, next request). */
  calls: number;
  /** Medians, milliseconds. */
  requestMs: number;
  upstreamMs: number;
  answerMs: number;
  clientMs: number;
}

const SYSCALL =
  /^\s*([\d.]+) \(\s*[\d.]+ ms\): \S+ (read|readv|recvfrom|recvmsg|write|writev|sendto|sendmsg)\(fd: (\d+)[^)]*\)\s*=\s*(-?\d+)/;

/** An HTTP message is longer than this; an eventfd's wake-up (8 bytes) is not. */
const MIN_MESSAGE_BYTES = 16;

function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Splits `perf trace` output (one line per system call, start times in ms) into calls. Writes to
 * the client before the upstream request (a response head sent early, a whole answer given
 * without the upstream) end no call; the client's part is measured from the last answer that
 * followed an upstream request, so the load should be calls of one tool.
 */
export function splitCalls(trace: string, clientFds: ReadonlySet<number>): CallParts {
  const parts = { request: [] as number[], upstream: [] as number[], answer: [] as number[] };
  const client: number[] = [];
  type State = 'idle' | 'request' | 'upstream' | 'answered';
  let state: State = 'idle';
  let requestAt = 0;
  let upstreamAt = 0;
  let lastUpstreamRead = 0;
  let answeredAt: number | undefined;
  for (const line of trace.split('\n')) {
    const match = SYSCALL.exec(line);
    if (!match) continue;
    const at = Number(match[1]);
    const reads = match[2]!.startsWith('read') || match[2]!.startsWith('recv');
    const fd = Number(match[3]);
    const bytes = Number(match[4]);
    if (fd <= 2 || bytes < MIN_MESSAGE_BYTES) continue;
    const toClient = clientFds.has(fd);
    if (reads && toClient) {
      // A request (a second read before the upstream request restarts it: the first was answered
      // locally, or only began it).
      if (state === 'upstream') continue;
      if (state === 'answered' && answeredAt !== undefined) client.push(at - answeredAt);
      state = 'request';
      requestAt = at;
    } else if (!reads && !toClient) {
      // The first write of the upstream request; the rest of it is part of the upstream's time.
      if (state !== 'request') continue;
      state = 'upstream';
      upstreamAt = at;
      lastUpstreamRead = 0;
    } else if (reads) {
      if (state === 'upstream') lastUpstreamRead = at;
    } else if (state === 'upstream' && lastUpstreamRead > 0) {
      // The answer. A write to the client before the upstream request (a response head sent
      // early, a notification's 202) is not.
      parts.request.push(upstreamAt - requestAt);
      parts.upstream.push(lastUpstreamRead - upstreamAt);
      parts.answer.push(at - lastUpstreamRead);
      state = 'answered';
      answeredAt = at;
    }
  }
  return {
    calls: parts.answer.length,
    requestMs: median(parts.request),
    upstreamMs: median(parts.upstream),
    answerMs: median(parts.answer),
    clientMs: median(client),
  };
}

/** The file descriptors of `pid`'s connected sockets whose local port is `port`. */
export function clientSocketFds(pid: number, port: number): Set<number> {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(`/proc/${pid}/net/${file.slice('/proc/net/'.length)}`, 'utf8');
    } catch {
      continue;
    }
    for (const row of text.split('\n').slice(1)) {
      const cols = row.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const localPort = parseInt(cols[1]!.split(':')[1]!, 16);
      const listening = cols[3] === '0A';
      if (localPort === port && !listening) inodes.add(cols[9]!);
    }
  }
  const fds = new Set<number>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) fds.add(Number(fd));
    } catch {
      // Closed while listed.
    }
  }
  return fds;
}

/** Whether `perf trace` can attach to a process here (perf installed, permitted). */
export async function perfTraceWorks(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = spawn('perf', ['trace', '-e', 'write', '--', 'true'], { stdio: 'ignore' });
    probe.on('error', () => resolve(false));
    probe.on('exit', (code) => resolve(code === 0));
  });
}

/**
 * Runs `during` while `perf trace` records `pid`'s socket reads and writes, then splits the calls.
 * The client sockets are read once the load is running (they are open for all of it).
 */
export async function traceCallParts<T>({
  pid,
  port,
  during,
}: {
  pid: number;
  port: number;
  during: (started: Promise<void>) => Promise<T>;
}): Promise<{ parts: CallParts; result: T }> {
  const out = join(tmpdir(), `critical-path-${pid}-${Date.now()}.txt`);
  const perf = spawn(
    'perf',
    [
      'trace',
      '-p',
      String(pid),
      '-e',
      'read,readv,recvfrom,recvmsg,write,writev,sendto,sendmsg',
      '-o',
      out,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  perf.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => perf.once('exit', () => resolve()));
  let keep = false;
  try {
    // perf prints nothing when attached: give it a moment.
    const started = sleep(500);
    const result = await during(started);
    const fds = clientSocketFds(pid, port);
    perf.kill('SIGINT');
    await exited;
    const trace = readFileSync(out, 'utf8');
    const parts = splitCalls(trace, fds);
    if (parts.calls === 0) {
      keep = true;
      throw new Error(
        `perf trace saw no whole call of pid ${pid} (client sockets ${[...fds].join(', ') || 'none'} on port ${port}); the trace is in ${out}. ${stderr.trim()}`,
      );
    }
    return { parts, result };
  } finally {
    perf.kill('SIGKILL');
    if (!keep) rmSync(out, { force: true });
  }
}
