/**
 * Preloaded (`node --expose-gc --import bench/memory-probe.mjs ...`) into every process the
 * benchmark starts. It answers `{ probe: n }` on the IPC channel with process.memoryUsage() taken
 * 1.5 s after two full garbage collections, `{ cpu: n }` with process.cpuUsage() (no GC), writes a heap
 * snapshot on `{ snapshot: path }`, and exits
 * the process when the benchmark goes away.
 */
/* global process, setTimeout */
import { writeHeapSnapshot } from 'node:v8';

if (process.send) {
  process.on('message', (message) => {
    if (message && typeof message.snapshot === 'string') {
      globalThis.gc?.();
      process.send({ snapshot: writeHeapSnapshot(message.snapshot) });
      return;
    }
    if (message && typeof message.cpu === 'number') {
      process.send({ cpu: message.cpu, usage: process.cpuUsage() });
      return;
    }
    if (!message || typeof message.probe !== 'number') return;
    globalThis.gc?.();
    globalThis.gc?.();
    // V8 hands the pages a GC freed back to the system a moment later: RSS read at once still
    // counts them. Idle memory is what stays, so it is read once that has settled.
    setTimeout(() => process.send({ probe: message.probe, memory: process.memoryUsage() }), 1500);
  });
  process.on('disconnect', () => process.exit(0));
  process.channel?.unref();
}
