/**
 * bench/on-path.ts: a server's CPU samples placed in the part of a call under way and given to the
 * code that spent them. The recordings below are in `perf script`'s format (-F
 * comm,pid,tid,time,period,event,ip,sym,trace, call graphs innermost first).
 */
import { describe, expect, it } from 'vitest';
import {
  classifySample,
  componentOfSource,
  formatPhases,
  mergeSamples,
  parsePerfScript,
  samplesByPhase,
} from '../../bench/on-path.js';

const PID = 4242;

function syscall(seconds: number, event: string, trace: string, tid = PID): string {
  return `node  ${PID}/${tid}  ${seconds.toFixed(6)}:          1 syscalls:${event}: ${trace}\n\t  108cae read\n`;
}

function sample(seconds: number, frames: string[], tid = PID, periodNs = 100_000): string {
  const stack = frames.map((frame) => `\t${frame}`).join('\n');
  return `node  ${PID}/${tid}  ${seconds.toFixed(6)}:     ${periodNs} cpu-clock: \n${stack}\n`;
}

const read = (s: number, fd: number, bytes: number) => [
  syscall(s, 'sys_enter_read', `fd: 0x${fd.toString(16)}, buf: 0x1, count: 0x00010000`),
  syscall(s + 0.000001, 'sys_exit_read', `0x${bytes.toString(16)}`),
];
const write = (s: number, fd: number, bytes: number) =>
  syscall(
    s,
    'sys_enter_write',
    `fd: 0x${fd.toString(16)}, buf: 0x1, count: 0x${bytes.toString(16)}`,
  );
const writev = (s: number, fd: number) =>
  syscall(s, 'sys_enter_writev', `fd: 0x${fd.toString(16)}, vec: 0x1, vlen: 0x00000003`);

/** A JavaScript frame of the bundled server, as perf names it; `ours` with its address. */
const oursSym = (name: string) => `JS:*${name} file:///srv/dist/server/main.cjs:1:10`;
const ours = (name: string) => `3939a1ff2bde ${oursSym(name)}`;

describe('parsePerfScript', () => {
  it('reads samples with their period and call graph, and system calls with their fields', () => {
    const text = [
      sample(1.0, ['c7e990 v8::internal::JsonParser<unsigned char>::ParseJson', ours('parse')]),
      ...read(1.1, 21, 480),
    ].join('\n');
    const events = parsePerfScript(text);
    expect(events.map((e) => [e.event, e.period, e.frames.length])).toEqual([
      ['cpu-clock', 100_000, 2],
      ['syscalls:sys_enter_read', 1, 1],
      ['syscalls:sys_exit_read', 1, 1],
    ]);
    expect(events[0]!.frames[1]).toEqual({
      ip: '3939a1ff2bde',
      sym: 'JS:*parse file:///srv/dist/server/main.cjs:1:10',
    });
    expect(events[1]!.trace).toContain('fd: 0x15');
  });
});

describe('samplesByPhase', () => {
  it("places each main-thread sample in the call's part under way, and other threads' apart", () => {
    // Client connections on fds 19 and 21 in turn, the upstream on 23, logs on 1.
    const at = (s: number, name: string, tid = PID) => sample(s, [ours(name)], tid);
    const text = [
      at(0.5, 'beforeAnyRequest'),
      ...read(1.0, 19, 480),
      at(1.1, 'request'),
      write(1.2, 23, 270),
      at(1.3, 'upstream'),
      syscall(1.35, 'sys_enter_write', 'fd: 0x1e, buf: 0x1, count: 0x8'), // eventfd wake-up
      ...read(1.4, 23, 1801),
      at(1.5, 'answer'),
      writev(1.6, 19),
      write(1.65, 1, 303), // the log line, beside the client
      at(1.7, 'after'),
      at(1.75, 'compiler', PID + 1),
      ...read(2.0, 21, 480),
      at(2.1, 'request'),
      ...read(2.15, 21, 480), // a second read before the upstream request: a new request
      write(2.2, 23, 270),
      ...read(2.3, 21, 480), // a read while the upstream is asked: not a request
      at(2.35, 'upstream'),
      ...read(2.4, 23, 1801),
      writev(2.5, 21),
    ].join('\n');
    const placed = samplesByPhase({
      events: parsePerfScript(text),
      pid: PID,
      clientFds: new Set([19, 21]),
      componentOf: (frames) => /JS:\*(\w+)/.exec(frames[0]!.sym)![1]!,
    });
    expect(placed.calls).toBe(3);
    expect(Object.fromEntries(Object.entries(placed.phases).map(([k, v]) => [k, [...v]]))).toEqual({
      request: [['request', 200_000]],
      upstream: [['upstream', 200_000]],
      answer: [['answer', 100_000]],
      after: [['after', 100_000]],
    });
    expect(placed.otherThreadsNs).toBe(100_000);
    const report = formatPhases([{ name: 'server', samples: placed }]).join('\n');
    expect(report).toMatch(/request\s+67\n\s+request\s+66\.7 \(100%\)/);
    expect(report).toMatch(/other threads\s+33/);
    // Two recordings as one: calls and every phase's time add up.
    const twice = mergeSamples(placed, placed);
    expect(twice.calls).toBe(6);
    expect([...twice.phases.request]).toEqual([['request', 400_000]]);
    expect(twice.otherThreadsNs).toBe(200_000);
    expect(formatPhases([{ name: 'server', samples: twice }]).join('\n')).toMatch(/request\s+67\n/);
  });
});

describe('classifySample', () => {
  const sourceOf = (file: string, line: number) =>
    file.endsWith('main.cjs') ? (line === 1 ? '../../src/mcp/call-tool.ts' : undefined) : undefined;
  const frames = (...syms: string[]) =>
    syms.map((sym) => ({ ip: sym.startsWith('k:') ? 'ffffffff81000e06' : '7bae31', sym }));

  it('gives a system call to the kernel, and looks through a timer interrupt', () => {
    expect(classifySample(frames('k:tcp_sendmsg', 'k:entry_SYSCALL_64', 'write'), sourceOf)).toBe(
      'kernel',
    );
    expect(
      classifySample(
        frames('k:irqentry_exit_to_user_mode', 'k:asm_sysvec_apic_timer_interrupt', oursSym('x')),
        sourceOf,
      ),
    ).toBe('src/mcp');
  });

  it("names V8's collector, JSON and compiler, else the innermost JavaScript function's source", () => {
    expect(classifySample(frames('v8::internal::Scavenger::Process', oursSym('x')), sourceOf)).toBe(
      'V8 garbage collection',
    );
    expect(
      classifySample(
        frames(
          'v8::internal::JsonStringifier::SerializeString',
          'Builtin_JsonStringify',
          oursSym('x'),
        ),
        sourceOf,
      ),
    ).toBe('V8 JSON.stringify');
    expect(classifySample(frames('v8::internal::Compiler::Compile', oursSym('x')), sourceOf)).toBe(
      'V8 compiler',
    );
    // The CompileLazy builtin a new closure's first call passes through is the caller's cost.
    expect(classifySample(frames('Builtins_CompileLazy', oursSym('x')), sourceOf)).toBe('src/mcp');
    expect(
      classifySample(
        frames(
          'Builtins_LoadIC',
          'JS:*processTicksAndRejections node:internal/process/task_queues:67:35',
        ),
        sourceOf,
      ),
    ).toBe('node:timers, promises');
    expect(
      classifySample(frames('JS:*onRead /srv/node_modules/undici/lib/client.js:3:4'), sourceOf),
    ).toBe('undici');
    expect(classifySample(frames('JS:wasm-function[20]-20-turbofan'), sourceOf)).toBe(
      'undici (llhttp wasm)',
    );
    expect(classifySample(frames('llhttp__internal_execute', 'uv_run'), sourceOf)).toBe(
      'node, libuv (native)',
    );
  });

  it('names sources by directory of this project, by package, and by Node module group', () => {
    expect(componentOfSource('../../src/upstream/upstream-fetch.ts')).toBe('src/upstream');
    expect(componentOfSource('../../src/logger.ts')).toBe('src');
    expect(componentOfSource('../../generated/tools/users.ts')).toBe('generated/tools');
    expect(componentOfSource('../../node_modules/@scope/pkg/index.js')).toBe('@scope/pkg');
    expect(componentOfSource('../../node_modules/a/node_modules/koa/lib/app.js')).toBe('koa');
    expect(componentOfSource('node:_http_server')).toBe('node:http');
    expect(componentOfSource('node:internal/streams/readable')).toBe('node:streams');
    expect(componentOfSource('/srv/bench/peers/replay.mjs')).toBe('bench/peers/replay.mjs');
  });
});
