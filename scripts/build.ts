/**
 * `npm run build`: bundles the server and the standalone sandbox (src/sandbox/main.ts ->
 * dist/sandbox/main.js) with esbuild. One bundle loads in about half the time of the hundreds of
 * modules tsc emits. The server is built three times over:
 * - as ES modules (src/main.ts -> dist/esm/main.js and the chunks it imports). What only some
 *   configurations use (the embedded sandbox, the authorization server, the Redis store, jose)
 *   stays behind its dynamic import in a chunk of its own, loaded only when configured; large
 *   CommonJS modules the server rarely calls (iconv-lite, mime-types with mime-db) are stand-ins
 *   whose real module is a bundle of its own in dist/esm/lazy/, read on first use;
 * - as CommonJS scripts converted from those modules (dist/server/), which Node can compile with
 *   V8's code cache;
 * - as the entry that runs those scripts through the cache (src/boot.ts -> dist/main.js).
 * The command `dist/jumpcloud-mcp` (scripts/jumpcloud-mcp.sh) runs that entry with glibc's malloc
 * configured for a long-running server. Type checking is tsc's (`npm run typecheck`).
 */
import { chmodSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHash, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import type { BuildOptions, Metafile, OnResolveArgs, Plugin, PluginBuild } from 'esbuild';
import type { ScriptsManifest } from '../src/boot.js';
import { sdkGuards } from './sdk-guards.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
// `--outdir <dir>` builds elsewhere (inside the project, so that node_modules resolves from it);
// `--metafile <file>` writes esbuild's metafile of the server bundle there (what each output holds).
const { values } = parseArgs({
  options: { outdir: { type: 'string' }, metafile: { type: 'string' } },
});
const outdir = resolve(root, values.outdir ?? 'dist');

/**
 * Packages loaded only behind the dynamic import of a configuration that needs them (OAuth sign-in,
 * a Redis store, the sandbox): read from node_modules as they are, since they never weigh on the
 * default start.
 */
const external = ['oidc-provider', 'openid-client', 'ioredis', '@faker-js/faker'];

/** What Koa asks mime-types on every start and request: the type of a JSON, text or HTML body. */
const COMMON_TYPES = ['json', 'text', 'html', 'bin', 'application/json', 'text/plain', 'text/html'];

/**
 * Where the real module behind a stand-in comes from when first used: bundled with the stand-in
 * (`inline`, the standalone sandbox), or, for the server, from a CommonJS bundle of its own in
 * `<outdir>/lazy/` that a start does not read, so that its source is not compiled with the start's
 * (iconv-lite and the two copies of mime-db are about a third of the start bundle). `files` collects
 * the modules to bundle there: file name -> the real module's path.
 */
type RealModules = { inline: true } | { inline: false; files: Map<string, string> };

/** The expression that loads the real module at `path` (a stand-in's `load()`). */
function realRequire(real: RealModules, path: string, name: string): string {
  if (real.inline) return `require(${JSON.stringify(path)})`;
  const file = `${name}-${createHash('sha256').update(path).digest('hex').slice(0, 8)}.cjs`;
  real.files.set(file, path);
  return `__lazyRequire(${JSON.stringify(file)})`;
}

/** Resolves `args.path` as esbuild would without the stand-in plugin. */
async function resolveReal(build: PluginBuild, args: OnResolveArgs) {
  return build.resolve(args.path, {
    kind: args.kind,
    importer: args.importer,
    resolveDir: args.resolveDir,
    pluginData: { real: true },
  });
}

const isReal = (args: OnResolveArgs) => (args.pluginData as { real?: boolean } | undefined)?.real;

/**
 * Sends each import that `filter` matches to the stand-in in `namespace`, with the real module's
 * path; the stand-in's own imports of the real module (resolveReal) pass through.
 */
function resolveToStandIn(build: PluginBuild, filter: RegExp, namespace: string): void {
  build.onResolve({ filter }, async (args) => {
    if (isReal(args)) return undefined;
    const real = await resolveReal(build, args);
    if (real.errors.length > 0) return { errors: real.errors };
    return { path: real.path, namespace };
  });
}

/**
 * mime-types builds its extension tables from the whole of mime-db when it loads (4% of the
 * start's CPU samples), and Koa loads it at import to name the type of each body. In the bundle each
 * `mime-types` is a stand-in that answers COMMON_TYPES from answers the real module gave at build
 * time, and loads the real module (same version) for anything else.
 */
const lazyMimeTypes = (realModules: RealModules): Plugin => ({
  name: 'lazy-mime-types',
  setup(build) {
    resolveToStandIn(build, /^mime-types$/, 'lazy-mime-types');
    build.onLoad({ filter: /.*/, namespace: 'lazy-mime-types' }, (args) => {
      const mime = createRequire(import.meta.url)(args.path) as {
        contentType(type: string): string | false;
        lookup(path: string): string | false;
      };
      const answers = (fn: (type: string) => string | false) =>
        JSON.stringify(Object.fromEntries(COMMON_TYPES.map((type) => [type, fn(type)])));
      return {
        loader: 'js',
        resolveDir: dirname(args.path),
        contents: `
let real;
const load = () => (real ??= ${realRequire(realModules, args.path, 'mime-types')});
const contentTypes = ${answers(mime.contentType)};
const lookups = ${answers(mime.lookup)};
const known = (table, key) => typeof key === 'string' && Object.hasOwn(table, key);
module.exports = {
  contentType: (type) => (known(contentTypes, type) ? contentTypes[type] : load().contentType(type)),
  lookup: (path) => (known(lookups, path) ? lookups[path] : load().lookup(path)),
  charset: (type) => load().charset(type),
  extension: (type) => load().extension(type),
  get charsets() { return load().charsets; },
  get extensions() { return load().extensions; },
  get types() { return load().types; },
};
`,
      };
    });
  },
});

/**
 * A package whose every export is a stand-in getter that loads the real module on first use:
 * iconv-lite, which raw-body loads (and with it the code of every charset it decodes) at import but
 * asks for a decoder only for a body whose charset it is told (the JSON body of an MCP request is
 * read as bytes); @opentelemetry/api, which prom-client's process CPU metric loads at import and
 * reads only to attach exemplars (not enabled here).
 */
const lazyPackage = (
  pkg: string,
  realModules: RealModules,
  /** Members answered without the real module: name -> an expression of `load` (the real one). */
  own: Record<string, string> = {},
): Plugin => ({
  name: `lazy-${pkg}`,
  setup(build) {
    const filter = new RegExp(`^${pkg.replace(/[/@.]/g, '\\$&')}$`);
    resolveToStandIn(build, filter, `lazy-${pkg}`);
    build.onLoad({ filter: /.*/, namespace: `lazy-${pkg}` }, (args) => {
      const members = Object.keys(createRequire(import.meta.url)(args.path) as object);
      const name = pkg.replace(/^@/, '').replace(/\//g, '-');
      return {
        loader: 'js',
        resolveDir: dirname(args.path),
        contents: `
let real;
const load = () => (real ??= ${realRequire(realModules, args.path, name)});
const members = ${JSON.stringify(members)};
module.exports = {};
const own = { ${Object.entries(own)
          .map(([member, expression]) => `${member}: ${expression}`)
          .join(', ')} };
for (const name of members) {
  Object.defineProperty(module.exports, name, {
    enumerable: true,
    get: () => (Object.hasOwn(own, name) ? own[name] : load()[name]),
  });
}
`,
      };
    });
  },
});

/**
 * rate-limiter-flexible's index loads every limiter it has (Redis, Mongo, cluster, SQL, ...) at
 * import; the server uses the memory one (and Redis's with a Redis store). In the bundle its index
 * is a stand-in whose exports load their own module on first use, so a start evaluates only what it
 * uses. The build fails if the stand-in does not export what the real index exports.
 */
const lazyRateLimiter: Plugin = {
  name: 'lazy-rate-limiter-flexible',
  setup(build) {
    resolveToStandIn(build, /^rate-limiter-flexible$/, 'lazy-rate-limiter-flexible');
    build.onLoad({ filter: /.*/, namespace: 'lazy-rate-limiter-flexible' }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const getters: string[] = [];
      for (const [, names, path] of source.matchAll(
        /^const (\w+|\{[^}]+\}) = require\('(\.\/lib\/[^']+)'\);$/gm,
      )) {
        const require = `require(${JSON.stringify(path)})`;
        for (const name of names!.replace(/[{}\s]/g, '').split(','))
          getters.push(
            `${name}: () => ${names!.startsWith('{') ? `${require}.${name}` : require},`,
          );
      }
      const contents = `
const getters = {
${getters.join('\n')}
};
module.exports = {};
for (const [name, get] of Object.entries(getters))
  Object.defineProperty(module.exports, name, { enumerable: true, get });
`;
      const exported = Object.keys(createRequire(import.meta.url)(args.path) as object).sort();
      const standIn = getters.map((line) => line.slice(0, line.indexOf(':'))).sort();
      if (JSON.stringify(exported) !== JSON.stringify(standIn)) {
        return {
          errors: [
            { text: `rate-limiter-flexible stand-in: exports ${standIn} differ from ${exported}` },
          ],
        };
      }
      return { loader: 'js', resolveDir: dirname(args.path), contents };
    });
  },
};

/**
 * prom-client's index loads all of its modules at import, among them the Pushgateway (and with it
 * Node's https, tls and zlib) and the cluster aggregator; the server uses the registry, three metric
 * types and the default metrics. In the bundle each `exports.name = require(...)` of its index is a
 * getter that evaluates its module on first use. The build fails if the stand-in does not export
 * what the real index exports.
 */
const lazyPromClient: Plugin = {
  name: 'lazy-prom-client',
  setup(build) {
    resolveToStandIn(build, /^prom-client$/, 'lazy-prom-client');
    build.onLoad({ filter: /.*/, namespace: 'lazy-prom-client' }, (args) => {
      let getters = 0;
      const contents = readFileSync(args.path, 'utf8').replace(
        /^exports\.(\w+) =\s*(require\('[^']+'\)(?:\.\w+)*);$/gm,
        (_, name: string, value: string) => {
          getters += 1;
          return `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, configurable: true, get: () => ${value} });`;
        },
      );
      const exported = (real: object) => Object.keys(real).sort().join();
      const want = exported(createRequire(import.meta.url)(args.path) as object);
      const module = { exports: {} as Record<string, unknown> };
      new Function('exports', 'require', 'module', contents)(
        module.exports,
        createRequire(args.path),
        module,
      );
      if (getters === 0 || exported(module.exports) !== want) {
        return {
          errors: [
            {
              text: `prom-client stand-in: exports ${exported(module.exports)} differ from ${want}`,
            },
          ],
        };
      }
      return { loader: 'js', resolveDir: dirname(args.path), contents };
    });
  },
};

/**
 * The server's ES modules as CommonJS scripts (`server/`), which src/boot.ts compiles with V8's
 * code cache (Node 20 caches no ES module's code). Each script is its module converted by esbuild,
 * with its source map chained to the sources. Before the conversion, each line the banner takes
 * becomes spaces (the boot loader passes `require` and `__lazyRequire`) and each dynamic `import(`
 * becomes `__load(`, the loader's, so that the input's source map still holds column for column.
 * `scripts.json` lists each script with its hash and the external packages its imports reach,
 * which the loader imports first as ES modules.
 */
async function buildScripts(esm: Metafile): Promise<{ metafile: Metafile }> {
  const outputs = Object.entries(esm.outputs).filter(([file]) => file.endsWith('.js'));
  const dynamicImports = new Map(
    outputs.map(([file, output]) => [
      resolve(root, file),
      output.imports.filter((entry) => entry.kind === 'dynamic-import').length,
    ]),
  );
  const prepare: Plugin = {
    name: 'esm-to-script',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.js$/ }, (args) => {
        const blanked = readFileSync(args.path, 'utf8')
          .split('\n')
          .map((line) =>
            line.startsWith('#!') || line.startsWith(common.banner.js)
              ? ' '.repeat(line.length)
              : line,
          )
          .join('\n');
        const taken = /\b(?:__load|__importMetaUrl)\b/.exec(blanked);
        if (taken)
          return {
            errors: [{ text: `${args.path} already uses ${taken[0]}, which the loader passes` }],
          };
        // Every import( call, also the ones with a computed specifier (esbuild lists only literals).
        let found = 0;
        const contents = blanked.replace(/(?<![\w$.])import\((?=(["'])?)/g, (_, quote?: string) => {
          if (quote) found += 1;
          return '__load(';
        });
        if (found !== dynamicImports.get(args.path))
          return {
            errors: [
              {
                text: `${args.path}: ${found} dynamic imports of a literal in the text, ${dynamicImports.get(args.path)} in esbuild's metafile`,
              },
            ],
          };
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
  const result = await build({
    absWorkingDir: root,
    entryPoints: outputs.map(([file]) => resolve(root, file)),
    outbase: esmOutdir,
    outdir: serverOutdir,
    outExtension: { '.js': '.cjs' },
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    define: { 'import.meta.url': '__importMetaUrl' },
    metafile: true,
    logLevel: 'warning',
    plugins: [prepare],
  });
  // scripts.json: each script, its module, its hash and the external packages its imports reach.
  const esmPath = (file: string) => relative(esmOutdir, resolve(root, file)).split(sep).join('/');
  const reach = (file: string, seen = new Set<string>()): Set<string> => {
    const externals = new Set<string>();
    if (seen.has(file)) return externals;
    seen.add(file);
    for (const entry of esm.outputs[file]!.imports) {
      if (entry.kind !== 'import-statement') continue;
      if (!entry.external) for (const name of reach(entry.path, seen)) externals.add(name);
      else if (!isBuiltin(entry.path)) externals.add(entry.path);
    }
    return externals;
  };
  const scripts: ScriptsManifest['scripts'] = {};
  for (const [file] of outputs) {
    const path = esmPath(file).replace(/\.js$/, '.cjs');
    const text = readFileSync(join(serverOutdir, path), 'utf8');
    scripts[path] = {
      esm: esmPath(file),
      hash: createHash('sha256').update(text).digest('hex'),
      externals: [...reach(file)].sort(),
    };
  }
  const manifest: ScriptsManifest = { entry: 'main.cjs', scripts };
  writeFileSync(join(serverOutdir, 'scripts.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return result;
}

/**
 * Starts the built server once, on a free loopback port and with no settings but a confirmation
 * secret, and stops it once it listens: src/boot.ts then writes the code cache of what a start runs
 * into <outdir>/.cache, so that the first start after a build has one too. Starts after that add
 * what their requests ran. A server that does not start here leaves the build without a cache and
 * says why.
 */
async function warmCompileCache(): Promise<void> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('JUMPCLOUD_MCP_')),
  );
  const child = spawn(
    process.execPath,
    [join(outdir, 'main.js'), '--host', '127.0.0.1', '--port', '0', '--log-level', 'info'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...env,
        JUMPCLOUD_MCP_COMPILE_CACHE: join(outdir, '.cache'),
        JUMPCLOUD_MCP_CONFIRMATION_SECRET: randomBytes(32).toString('hex'),
      },
    },
  );
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const listening = await new Promise<boolean>((done) => {
    const timer = setTimeout(() => done(false), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"listening"')) {
        clearTimeout(timer);
        done(true);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(() => done(false));
  });
  child.kill(listening ? 'SIGTERM' : 'SIGKILL');
  const code = await exited;
  if (!listening || code !== 0)
    process.stderr.write(
      `build: the server did not start, so dist has no code cache yet:\n${output}\n`,
    );
}

/** What both bundles share. */
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // Without comments and spaces: less source to read, keep and (without a code cache) parse.
  minifyWhitespace: true,
  minifySyntax: true,
  // Bundled CommonJS packages call require() for Node's modules; an ES module has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
} satisfies BuildOptions;

/** The server's lazily loaded real modules, bundled into `<outdir>/lazy/` after the server. */
const serverLazy: RealModules = { inline: false, files: new Map() };
const sandboxInline: RealModules = { inline: true };

rmSync(outdir, { recursive: true, force: true });
const esmOutdir = join(outdir, 'esm');
const serverOutdir = join(outdir, 'server');
const results: { metafile: Metafile }[] = await Promise.all([
  // The server as ES modules: a start loads main.js and the chunks it imports, nothing else.
  build({
    ...common,
    entryPoints: { main: 'src/main.ts' },
    outdir: esmOutdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [
      lazyMimeTypes(serverLazy),
      // raw-body asks for a UTF-8 decoder on every JSON body: answered without loading iconv-lite.
      lazyPackage('iconv-lite', serverLazy, {
        getDecoder: `((utf8) => (encoding, options) =>
          options === undefined && utf8.isUtf8(encoding)
            ? new utf8.Utf8Decoder()
            : load().getDecoder(encoding, options))(require(${JSON.stringify(join(root, 'scripts', 'iconv-utf8.cjs'))}))`,
      }),
      lazyPackage('@opentelemetry/api', serverLazy),
      lazyRateLimiter,
      lazyPromClient,
      // The SDK's guards refuse what lacks a required field before parsing it (sdk-guards.ts).
      sdkGuards,
    ],
    // The stand-ins' real modules: esm/lazy/, one directory up from a chunk.
    banner: {
      js: `${common.banner.js} import { fileURLToPath as __fileURLToPath } from 'node:url'; const __lazyRequire = (file) => require(__fileURLToPath(new URL((/\\/chunks\\/[^/]*$/.test(import.meta.url) ? '../lazy/' : './lazy/') + file, import.meta.url)));`,
    },
  }),
  // The standalone sandbox (`npm run sandbox`, the benchmark's upstream): one file of its own.
  build({
    ...common,
    entryPoints: { main: 'src/sandbox/main.ts' },
    outdir: join(outdir, 'sandbox'),
    plugins: [lazyMimeTypes(sandboxInline)],
  }),
]);
// Each real module behind a server stand-in, as a CommonJS bundle of its own.
results.push(
  ...(await Promise.all(
    [...serverLazy.files].map(([file, path]) =>
      build({
        absWorkingDir: root,
        entryPoints: [path],
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        legalComments: 'none',
        metafile: true,
        logLevel: 'warning',
        outfile: join(esmOutdir, 'lazy', file),
      }),
    ),
  )),
);
results.push(await buildScripts(results[0]!.metafile));
// The entry (dist/main.js): runs the scripts through V8's code cache (src/boot.ts).
results.push(
  await build({
    ...common,
    entryPoints: { main: 'src/boot.ts' },
    outdir,
    // CommonJS: a start without Node's ES module loader (dist/package.json says so for main.js).
    format: 'cjs',
    define: { 'import.meta.url': '__entryUrl' },
    banner: { js: "const __entryUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
);
// The package type of each directory's .js files: the entry is CommonJS, the rest ES modules.
writeFileSync(join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
for (const dir of [esmOutdir, join(outdir, 'sandbox')])
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
// The command production runs: the entry under the environment it wants (scripts/jumpcloud-mcp.sh).
const command = join(outdir, 'jumpcloud-mcp');
copyFileSync(join(root, 'scripts', 'jumpcloud-mcp.sh'), command);
chmodSync(command, 0o755);
await warmCompileCache();
if (values.metafile)
  writeFileSync(resolve(root, values.metafile), JSON.stringify(results[0]!.metafile));
const outputs = results.flatMap((result) => Object.entries(result.metafile.outputs));
const js = outputs.filter(([file]) => file.endsWith('.js'));
const kib = js.reduce((sum, [, output]) => sum + output.bytes, 0) / 1024;
process.stdout.write(`${outdir}: ${js.length} modules, ${kib.toFixed(0)} KiB\n`);
