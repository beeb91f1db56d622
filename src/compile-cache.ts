/**
 * What the built entry (src/boot.ts) and the server it starts share: the handle the entry leaves
 * on `globalThis`, through which the server reports what came from V8's code cache and says when
 * it listens. A server started any other way (tsx, dist/esm/main.js, tests) finds none.
 */

/** What a start read from the cache: the server's `listening` line reports it. */
export interface CompileCacheReport {
  /** The cache's directory, or `off`. */
  dir: string;
  /** Scripts compiled from their cache. */
  cached: number;
  /** Scripts compiled from source (no cache yet, or one V8 refused). */
  compiled: number;
  /** Caches V8 refused (another V8, other flags, or a damaged file). */
  refused: number;
}

export interface CompileCacheHandle {
  report: CompileCacheReport;
  /** The server listens: from now on a cache is worth writing (not for `--help` or a failed start). */
  listening(): void;
}

const HANDLE = Symbol.for('jumpcloud-mcp.compile-cache');

export function setCompileCacheHandle(handle: CompileCacheHandle): void {
  (globalThis as Record<symbol, unknown>)[HANDLE] = handle;
}

/** The built entry's handle, when it started this process. */
export function compileCacheHandle(): CompileCacheHandle | undefined {
  return (globalThis as Record<symbol, CompileCacheHandle | undefined>)[HANDLE];
}
