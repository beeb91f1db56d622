/**
 * `npm run build`: bundles the server (src/main.ts -> dist/main.js) and the standalone sandbox
 * (src/sandbox/main.ts -> dist/sandbox/main.js) with esbuild. One bundle loads in about half the
 * time of the hundreds of modules tsc emits. What only some configurations use (the embedded
 * sandbox, the authorization server, the Redis store, jose) stays behind its dynamic import in a
 * chunk of its own, loaded only when configured. Type checking is tsc's (`npm run typecheck`).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import type { BuildOptions, Plugin } from 'esbuild';

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
 * mime-types builds its extension tables from the whole of mime-db when it loads (4% of the
 * start's CPU samples), and Koa loads it at import to name the type of each body. In the bundle each
 * `mime-types` is a stand-in that answers COMMON_TYPES from answers the real module gave at build
 * time, and loads the real module (same version, bundled) for anything else.
 */
const lazyMimeTypes: Plugin = {
  name: 'lazy-mime-types',
  setup(build) {
    build.onResolve({ filter: /^mime-types$/ }, async (args) => {
      if ((args.pluginData as { real?: boolean } | undefined)?.real) return undefined;
      const real = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { real: true },
      });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-mime-types' };
    });
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
const load = () => (real ??= require(${JSON.stringify(args.path)}));
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
};

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
  plugins: [lazyMimeTypes],
  // Bundled CommonJS packages call require() for Node's modules; an ES module has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
} satisfies BuildOptions;

rmSync(outdir, { recursive: true, force: true });
const results = await Promise.all([
  // The server: the default start loads main.js and the chunks it imports, nothing else.
  build({
    ...common,
    entryPoints: { main: 'src/main.ts' },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  }),
  // The standalone sandbox (`npm run sandbox`, the benchmark's upstream): one file of its own.
  build({
    ...common,
    entryPoints: { main: 'src/sandbox/main.ts' },
    outdir: join(outdir, 'sandbox'),
  }),
]);
if (values.metafile)
  writeFileSync(resolve(root, values.metafile), JSON.stringify(results[0].metafile));
const outputs = results.flatMap((result) => Object.entries(result.metafile.outputs));
const js = outputs.filter(([file]) => file.endsWith('.js'));
const kib = js.reduce((sum, [, output]) => sum + output.bytes, 0) / 1024;
process.stdout.write(`${outdir}: ${js.length} modules, ${kib.toFixed(0)} KiB\n`);
