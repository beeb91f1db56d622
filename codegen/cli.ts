/**
 * `npm run gen` writes generated/ from tools.manifest.yaml and the cached specs; `npm run gen:check`
 * (`--check`) writes nothing and fails, naming the files, when generated/ is stale, missing files or
 * has extra ones.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { resolveConfig } from 'prettier';
import { generate, planTools } from './generate.js';
import { readHandlerExports } from './handler-exports.js';
import { loadSpecSet } from './load-specs.js';
import { ManifestError } from './manifest.js';
import { readSpecLock } from './spec-lock.js';
import { configTable, spliceConfigTable } from './readme-config.js';
import { spliceToolList } from './readme-tools.js';
import { tokenBudget } from './token-budget.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface CliOptions {
  check?: boolean;
  set: string;
  manifest: string;
  out: string;
  readme: string | false;
}

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function run(options: CliOptions): Promise<number> {
  const started = performance.now();
  const lock = readSpecLock(join(root, 'specs', 'lock.yaml'));
  const specs = await loadSpecSet({
    lock,
    setName: options.set,
    cacheDir: join(root, 'specs', '.cache'),
    overlayDir: join(root, 'specs', 'overlays'),
  });
  const manifestPath = resolve(root, options.manifest);
  const prettier = (await resolveConfig(join(root, 'generated', 'index.ts'))) ?? {};
  const files = await generate({
    specs,
    manifestText: readFileSync(manifestPath, 'utf8'),
    manifestFile: relative(root, manifestPath),
    prettier,
    handlerExports: readHandlerExports(root),
  });
  const outDir = resolve(root, options.out);
  const existing = listFiles(outDir);
  const stale = [...files].filter(
    ([p, text]) => existing.includes(p) && readFileSync(join(outDir, p), 'utf8') !== text,
  );
  const missing = [...files.keys()].filter((p) => !existing.includes(p));
  const extra = existing.filter((p) => !files.has(p));
  const readmePath = options.readme === false ? undefined : resolve(root, options.readme);
  const readme = readmePath === undefined ? '' : readFileSync(readmePath, 'utf8');
  const toolsDoc = files.get('TOOLS.md');
  const withTools =
    readmePath === undefined || toolsDoc === undefined ? readme : spliceToolList(readme, toolsDoc);
  const newReadme =
    readmePath === undefined ? readme : spliceConfigTable(withTools, await configTable(prettier));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (options.check) {
    const readmeStale = [
      ...(withTools !== readme ? [`  stale:   ${options.readme} (tool list)`] : []),
      ...(newReadme !== withTools ? [`  stale:   ${options.readme} (configuration table)`] : []),
    ];
    if (stale.length + missing.length + extra.length + readmeStale.length === 0) {
      console.log(`${options.out}/ is up to date (${files.size} files, ${seconds}s).`);
      return 0;
    }
    const lines = [
      ...stale.map(([p]) => `  stale:   ${options.out}/${p}`),
      ...missing.map((p) => `  missing: ${options.out}/${p}`),
      ...extra.map((p) => `  extra:   ${options.out}/${p}`),
      ...readmeStale,
    ];
    console.error(
      `${options.out}/ does not match the manifest and specs:\n${lines.join('\n')}\nRun \`npm run gen\` and commit the result.`,
    );
    return 1;
  }
  for (const p of extra) rmSync(join(outDir, p));
  if (readmePath !== undefined && newReadme !== readme) writeFileSync(readmePath, newReadme);
  for (const [p, text] of files) {
    mkdirSync(dirname(join(outDir, p)), { recursive: true });
    writeFileSync(join(outDir, p), text);
  }
  const bytes = [...files.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
  const budget = tokenBudget(
    planTools({ specs, manifestText: readFileSync(manifestPath, 'utf8') }).plans,
  );
  console.log(
    `Wrote ${files.size} files to ${options.out}/ (${(bytes / 1024).toFixed(0)} KiB; ${stale.length} changed, ` +
      `${missing.length} new, ${extra.length} removed) in ${seconds}s.\n` +
      `tools/list: ${budget.tools} tools, ${budget.listed} o200k tokens ` +
      `(${(budget.listed / budget.tools).toFixed(1)} per tool, output schemas not counted).`,
  );
  return 0;
}

const program = new Command()
  .name('gen')
  .description('Generate generated/ from tools.manifest.yaml and the cached JumpCloud specs')
  .option(
    '--check',
    'write nothing; fail when generated/ is stale, missing files or has extra files',
  )
  .option('--set <name>', 'spec set from specs/lock.yaml', 'current')
  .option('--manifest <file>', 'manifest file', 'tools.manifest.yaml')
  .option('--out <dir>', 'output directory', 'generated')
  .option(
    '--readme <file>',
    'file whose tool list and configuration table markers are rewritten',
    'README.md',
  )
  .option('--no-readme', 'leave the README alone');

program.parse();
run(program.opts<CliOptions>()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ManifestError || error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
