#!/usr/bin/env node
/**
 * The built server's entry (`dist/main.js`, `npm run build`). It runs the server's bundle, which the
 * build also emits as CommonJS scripts (`dist/server/`, listed in `scripts.json`), through V8's code
 * cache: each script is compiled with the cache its last run left, so a start neither parses the
 * bundle nor compiles the functions it calls on the way to serving. A start without a usable cache
 * compiles as usual and, once the server listens, writes one a few seconds later or at exit,
 * whichever comes first (so `--help` or a failed start writes none); a start from a cache writes
 * it again then if its scripts have compiled more than it held. `npm run build` starts the server
 * once, so that the first start after a build has a cache too. V8 refuses a cache made by
 * another V8 or with other flags; the file's name holds the script's content hash, so another
 * build never reads this one's, and a script changed in place is compiled from its text.
 *
 * `JUMPCLOUD_MCP_COMPILE_CACHE` names the cache's directory (default: `.cache/` beside this file,
 * as trusted as the code itself: a cache is compiled code), or `off`. The server reports what was
 * read from the cache in its `listening` line (`compileCache`).
 *
 * The same server as ES modules, without the cache, is `dist/esm/main.js`. The scripts see the
 * URLs of those modules as `import.meta.url`, so both resolve packages and lazily loaded modules
 * from the same places.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { setCompileCacheHandle } from './compile-cache.js';
import { applyV8Flags } from './v8-flags.js';
import type { CompileCacheHandle, CompileCacheReport } from './compile-cache.js';

/** `dist/server/scripts.json`, written by scripts/build.ts. */
export interface ScriptsManifest {
  /** The script the server starts from, e.g. `main.cjs`. */
  entry: string;
  /** Path (relative to `server/`, `/`-separated) -> what loading it needs. */
  scripts: Record<
    string,
    {
      /** The ES module it was converted from, relative to `esm/`. */
      esm: string;
      /** SHA-256 of the script's text, hex. */
      hash: string;
      /** External packages its static imports reach (its own and its imported scripts'). */
      externals: string[];
    }
  >;
}

// Before any script is compiled: V8 checks a code cache against the flags it was made with.
applyV8Flags();

/** How long after it listens a server started without a cache writes one (or at exit, if sooner). */
const WRITE_AFTER_MS = 3_000;

const here = dirname(fileURLToPath(import.meta.url));
const serverDir = join(here, 'server');
const esmDir = join(here, 'esm');

function cacheDirectory(setting: string | undefined): string | undefined {
  if (setting === 'off') return undefined;
  return setting === undefined || setting === '' ? join(here, '.cache') : setting;
}

function readManifest(): ScriptsManifest {
  const file = join(serverDir, 'scripts.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ScriptsManifest;
  } catch (error) {
    process.stderr.write(
      `jumpcloud-mcp: cannot read ${file} (${(error as Error).message}), which npm run build writes with the server's scripts. Run npm run build again.\n`,
    );
    process.exit(1);
  }
}

const manifest = readManifest();
const cacheDir = cacheDirectory(process.env.JUMPCLOUD_MCP_COMPILE_CACHE);
const report: CompileCacheReport = { dir: cacheDir ?? 'off', cached: 0, compiled: 0, refused: 0 };

/**
 * Scripts to write to the cache, with the size of the cache each was compiled from (0: none). A
 * script compiled from a cache is written again if it has since compiled more than that cache held
 * (a cache written by `npm run build`'s start holds what a start runs, not yet what requests run).
 */
const unwritten = new Map<string, { script: vm.Script; from: number }>();
/** Loaded scripts: path -> its module object. */
const modules = new Map<string, { exports: unknown }>();
/** External packages loaded with import(), as ES modules load them: specifier -> namespace. */
const externals = new Map<string, unknown>();

const cacheFile = (path: string, hash: string) =>
  join(
    cacheDir!,
    `${path.replace(/\//g, '_')}-${hash.slice(0, 16)}-v8-${process.versions.v8}-${process.arch}.bin`,
  );

function readCache(path: string, hash: string): Buffer | undefined {
  if (cacheDir === undefined) return undefined;
  try {
    return readFileSync(cacheFile(path, hash));
  } catch {
    return undefined;
  }
}

/** Writes each script compiled from source since the last write; a failure leaves no cache. */
function writeCaches(): void {
  if (cacheDir === undefined || unwritten.size === 0) return;
  try {
    mkdirSync(cacheDir, { recursive: true });
  } catch {
    unwritten.clear();
    return;
  }
  for (const [path, { script, from }] of unwritten) {
    const file = cacheFile(path, manifest.scripts[path]!.hash);
    const partial = `${file}.${process.pid}.tmp`;
    try {
      const data = script.createCachedData();
      if (data.length <= from) continue;
      writeFileSync(partial, data);
      renameSync(partial, file);
    } catch {
      // An unwritable or full directory: later starts compile as this one did.
    }
  }
  unwritten.clear();
}

/** Resolves a script's relative specifier (`./chunks/x.js`) to its path in the manifest. */
function scriptPath(from: string, specifier: string): string {
  const esm = posix.join(posix.dirname(manifest.scripts[from]!.esm), specifier);
  for (const [path, entry] of Object.entries(manifest.scripts)) if (entry.esm === esm) return path;
  throw new Error(`${specifier} (from ${from}) is not one of the server's scripts`);
}

function load(path: string): unknown {
  const loaded = modules.get(path);
  if (loaded) return loaded.exports;
  const entry = manifest.scripts[path];
  if (!entry) throw new Error(`${path} is not one of the server's scripts`);
  const file = join(serverDir, path);
  const source = readFileSync(file, 'utf8');
  let cachedData = readCache(path, entry.hash);
  // V8 checks a cache against its script's length only: a script changed in place since the build
  // is compiled from source, and its cache is left as it is.
  let changed = false;
  if (cachedData && createHash('sha256').update(source).digest('hex') !== entry.hash) {
    cachedData = undefined;
    changed = true;
    report.refused += 1;
  }
  const script = new vm.Script(
    `(function (exports, require, module, __importMetaUrl, __lazyRequire, __load) {\n${source}\n})`,
    { filename: pathToFileURL(file).href, lineOffset: -1, ...(cachedData ? { cachedData } : {}) },
  );
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  if (fromCache) report.cached += 1;
  else {
    report.compiled += 1;
    if (cachedData) report.refused += 1;
  }
  if (cacheDir !== undefined && !changed)
    unwritten.set(path, { script, from: fromCache ? cachedData!.length : 0 });
  const module = { exports: {} as unknown };
  modules.set(path, module);
  const url = pathToFileURL(join(esmDir, entry.esm)).href;
  const nodeRequire = createRequire(url);
  const require = (specifier: string) => {
    if (specifier.startsWith('.')) return load(scriptPath(path, specifier));
    if (externals.has(specifier)) return externals.get(specifier);
    return nodeRequire(specifier) as unknown;
  };
  // The stand-ins' real modules (scripts/build.ts): esm/lazy/, one directory up from a chunk.
  const lazyRequire = (name: string) =>
    nodeRequire(
      fileURLToPath(new URL(`${entry.esm.includes('/') ? '../' : './'}lazy/${name}`, url)),
    );
  const dynamicImport = async (specifier: string) => {
    if (!specifier.startsWith('.')) return import(specifier) as Promise<unknown>;
    const target = scriptPath(path, specifier);
    await preload(target);
    return load(target);
  };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, require, module, url, lazyRequire, dynamicImport);
  return module.exports;
}

/** Loads the external packages a script's static imports reach, as ES modules load them. */
async function preload(path: string): Promise<void> {
  for (const specifier of manifest.scripts[path]!.externals) {
    if (externals.has(specifier)) continue;
    // A namespace marked as an ES module: the scripts' import helpers then keep it as it is.
    const namespace = (await import(specifier)) as object;
    externals.set(specifier, Object.assign(Object.create(null), namespace, { __esModule: true }));
  }
}

const handle: CompileCacheHandle = {
  report,
  listening() {
    if (cacheDir === undefined) return;
    setTimeout(writeCaches, WRITE_AFTER_MS).unref();
    process.once('exit', writeCaches);
  },
};
setCompileCacheHandle(handle);
// The build makes this entry CommonJS (dist/package.json): Node then starts without its ES module
// loader, which only a configuration that imports an ES module package (OAuth, Redis) loads.
if (manifest.scripts[manifest.entry]!.externals.length === 0) load(manifest.entry);
else void preload(manifest.entry).then(() => load(manifest.entry));
