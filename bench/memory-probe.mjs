/* global process */
/**
 * Preloaded (`node --expose-gc --import bench/memory-probe.mjs ...`) into every process the
 * benchmark starts. It answers `{ probe: n }` on the IPC channel with process.memoryUsage() taken
 * after two full garbage collections, and exits the process when the benchmark goes away.
 */
if (process.send) {
  process.on('message', (message) => {
    if (!message || typeof message.probe !== 'number') return;
    globalThis.gc?.();
    globalThis.gc?.();
    process.send({ probe: message.probe, memory: process.memoryUsage() });
  });
  process.on('disconnect', () => process.exit(0));
  process.channel?.unref();
}
