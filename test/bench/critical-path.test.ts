/**
 * bench/critical-path.ts: a server's calls split at its own system calls. The traces below are in
 * `perf trace`'s format (start time in ms, duration, process, call, result); the last test traces a
 * real proxy process with perf where perf can attach here.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { perfTraceWorks, splitCalls, traceCallParts } from '../../bench/critical-path.js';

const line = (ms: number, call: string, fd: number, result: number) =>
  `${ms.toFixed(3).padStart(10)} ( 0.020 ms): node/4242 ${call}(fd: ${fd}, buf: 0x3f, count: 65536)   = ${result}`;

describe('splitCalls', () => {
  it('splits each call into the server before and after the upstream, the upstream and the client', () => {
    // Two client connections used in turn (fds 19 and 21), the upstream on 23, logs on 1.
    const trace = [
      line(10.0, 'read', 19, 480),
      line(10.3, 'write', 23, 270),
      line(10.7, 'read', 23, 1801),
      line(10.9, 'writev', 19, 2104),
      line(11.0, 'write', 1, 303),
      line(11.6, 'read', 21, 480),
      line(11.8, 'write', 23, 270),
      line(12.4, 'read', 23, 1801),
      line(12.5, 'writev', 21, 2104),
      line(13.3, 'read', 19, 480),
      line(13.7, 'write', 23, 270),
      line(14.2, 'read', 23, 1801),
      line(14.5, 'writev', 19, 2104),
    ].join('\n');
    const parts = splitCalls(trace, new Set([19, 21]));
    expect(parts.calls).toBe(3);
    expect(parts.requestMs).toBeCloseTo(0.3, 6); // 0.3, 0.2, 0.4
    expect(parts.upstreamMs).toBeCloseTo(0.5, 6); // 0.4, 0.6, 0.5
    expect(parts.answerMs).toBeCloseTo(0.2, 6); // 0.2, 0.1, 0.3
    expect(parts.clientMs).toBeCloseTo(0.75, 6); // 0.7, 0.8
  });

  it('times an answer read in parts from its last part, and ignores wake-ups and empty reads', () => {
    const trace = [
      line(20.0, 'read', 7, 480),
      line(20.1, 'write', 30, 8), // an eventfd wake-up
      line(20.2, 'write', 9, 300),
      line(20.3, 'write', 9, 60), // the rest of the upstream request
      line(20.5, 'read', 9, 16384),
      line(20.6, 'read', 9, -11), // EAGAIN
      line(20.8, 'read', 9, 32000),
      line(21.0, 'writev', 7, 40000),
    ].join('\n');
    const parts = splitCalls(trace, new Set([7]));
    expect(parts.calls).toBe(1);
    expect(parts.requestMs).toBeCloseTo(0.2, 6);
    expect(parts.upstreamMs).toBeCloseTo(0.6, 6);
    expect(parts.answerMs).toBeCloseTo(0.2, 6);
    expect(parts.clientMs).toBeNaN();
  });

  it('ends no call at a write to the client before the upstream request', () => {
    // A server that sends its response head at once and the answer on another stream (fd 20),
    // then a request answered without the upstream (a notification's 202).
    const trace = [
      line(30.0, 'read', 21, 478),
      line(30.2, 'write', 21, 142),
      line(30.5, 'write', 22, 273),
      line(30.8, 'read', 22, 1801),
      line(31.1, 'writev', 20, 2298),
      line(31.6, 'read', 21, 300),
      line(31.7, 'write', 21, 120),
      line(31.9, 'read', 21, 478),
      line(32.0, 'write', 21, 142),
      line(32.4, 'write', 22, 273),
      line(32.6, 'read', 22, 1801),
      line(32.7, 'writev', 20, 2298),
    ].join('\n');
    const parts = splitCalls(trace, new Set([20, 21]));
    expect(parts.calls).toBe(2);
    expect(parts.requestMs).toBeCloseTo((0.5 + 0.5) / 2, 6);
    expect(parts.upstreamMs).toBeCloseTo((0.3 + 0.2) / 2, 6);
    expect(parts.answerMs).toBeCloseTo((0.3 + 0.1) / 2, 6);
    // From the first answer to the client's next request, the one answered locally.
    expect(parts.clientMs).toBeCloseTo(0.5, 6);
  });

  it('sees no call where the server never calls an upstream', () => {
    const trace = [line(1, 'read', 5, 400), line(1.2, 'writev', 5, 900)].join('\n');
    expect(splitCalls(trace, new Set([5])).calls).toBe(0);
  });
});

describe.skipIf(!(await perfTraceWorks()))('traceCallParts', () => {
  it("traces a real proxy's calls", async () => {
    // The upstream and the client are this process; the proxy is a child, traced by pid.
    const upstream = createServer((_req, res) => {
      setTimeout(() => res.end(JSON.stringify({ ok: true, pad: 'x'.repeat(1000) })), 5);
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const upstreamPort = (upstream.address() as AddressInfo).port;
    const proxy = spawn(
      process.execPath,
      [
        '-e',
        `const http = require('node:http');
         const agent = new http.Agent({ keepAlive: true });
         const server = http.createServer((req, res) => {
           req.resume();
           req.on('end', () => http.get({ host: '127.0.0.1', port: ${upstreamPort}, agent }, (up) => {
             const chunks = [];
             up.on('data', (c) => chunks.push(c));
             up.on('end', () => res.end(Buffer.concat(chunks)));
           }));
         });
         server.listen(0, '127.0.0.1', () => console.log(server.address().port));`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const [chunk] = (await once(proxy.stdout, 'data')) as [Buffer];
      const port = Number(chunk.toString().trim());
      const { parts, result } = await traceCallParts({
        pid: proxy.pid!,
        port,
        during: async (started) => {
          await started;
          let calls = 0;
          for (; calls < 50; calls += 1) {
            const response = await fetch(`http://127.0.0.1:${port}/`);
            expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
          }
          return calls;
        },
      });
      expect(result).toBe(50);
      expect(parts.calls).toBeGreaterThanOrEqual(45);
      // The upstream answers 5 ms after it is asked (a timer's loop time may run up to a
      // millisecond ahead of the clock): that wait is in the upstream's part.
      expect(parts.upstreamMs).toBeGreaterThanOrEqual(3.5);
      for (const part of [parts.requestMs, parts.answerMs, parts.clientMs])
        expect(part).toBeGreaterThan(0);
    } finally {
      proxy.kill('SIGKILL');
      upstream.close();
    }
  });
});
