/**
 * Load generation with autocannon (as a library). Latencies are taken from each response with
 * sub-millisecond precision (autocannon's own histogram rounds to whole milliseconds), and every
 * run is bounded in both time and request count.
 */
import autocannon from 'autocannon';
import type { AutocannonResult } from 'autocannon';

export interface LoadTarget {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  connections: number;
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Mean response size in bytes (2xx). */
  bytesPerResponse: number;
  /** Requests that failed: non-2xx answers, socket errors and timeouts. */
  failures: number;
}

export function percentile(sorted: Float64Array | readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/**
 * Runs `connections` connections for `seconds` (or until `maxRequests` answers). With `perConnection`
 * each connection gets its own target (e.g. its own session) and runs as its own instance.
 */
export async function runLoad({
  target,
  perConnection,
  connections,
  seconds,
  maxRequests,
}: {
  target?: LoadTarget;
  perConnection?: readonly LoadTarget[];
  connections: number;
  seconds: number;
  maxRequests: number;
}): Promise<LoadResult> {
  const latencies = new Float64Array(maxRequests + connections * 4);
  let count = 0;
  let bytes = 0;
  let failures = 0;
  const instances: ReturnType<typeof autocannon>[] = [];
  const started = performance.now();
  const stopAll = () => instances.forEach((instance) => instance.stop());
  const runs = (perConnection ?? [target as LoadTarget]).map(
    (one) =>
      new Promise<AutocannonResult>((resolve, reject) => {
        const instance = autocannon(
          {
            url: one.url,
            method: one.method,
            headers: one.headers,
            body: one.body,
            connections: perConnection ? 1 : connections,
            duration: seconds,
            timeout: 10,
            // autocannon acts on a stop (duration over, or maxRequests reached) at its next sample.
            sampleInt: 100,
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
        instance.on('response', (_client, status, resBytes, responseTime) => {
          if (status < 200 || status > 299) {
            failures += 1;
            return;
          }
          if (count < latencies.length) latencies[count] = responseTime;
          count += 1;
          bytes += resBytes;
          if (count >= maxRequests) stopAll();
        });
        instances.push(instance);
      }),
  );
  const results = await Promise.all(runs);
  const elapsed = (performance.now() - started) / 1000;
  for (const result of results) failures += result.errors + result.timeouts;
  const recorded = latencies.slice(0, Math.min(count, latencies.length)).sort();
  return {
    connections,
    requests: count,
    seconds: elapsed,
    rps: count / elapsed,
    p50Ms: percentile(recorded, 50),
    p99Ms: percentile(recorded, 99),
    bytesPerResponse: count > 0 ? bytes / count : 0,
    failures,
  };
}
