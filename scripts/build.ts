/**
 * `npm run build`: bundles the server (src/main.ts -> dist/main.js) and the standalone sandbox
 * (src/sandbox/main.ts -> dist/sandbox/main.js) with esbuild. One bundle loads in about half the
 * time of the hundreds of modules tsc emits. What only some configurations use (the embedded
 * sandbox, the authorization server, the Redis store, the SDK's stateful transport, jose) stays
 * behind its dynamic import in a chunk of its own, loaded only when configured. Type checking is
 * tsc's (`npm run typecheck`).
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
// `--outdir <dir>` builds elsewhere (inside the project, so that node_modules resolves from it).
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = resolve(root, values.outdir ?? 'dist');

/**
 * Packages loaded only behind a dynamic import of a configuration that needs them: left to
 * node_modules rather than bundled, since they never weigh on the default start, and they read
 * files of their own at run time.
 */
const external = ['oidc-provider', 'openid-client', 'ioredis', '@faker-js/faker'];

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
const outputs = results.flatMap((result) => Object.entries(result.metafile.outputs));
const js = outputs.filter(([file]) => file.endsWith('.js'));
const kib = js.reduce((sum, [, output]) => sum + output.bytes, 0) / 1024;
process.stdout.write(`${outdir}: ${js.length} modules, ${kib.toFixed(0)} KiB\n`);
