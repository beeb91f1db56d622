/**
 * Fills the spec cache (specs/.cache/) with the files listed in specs/lock.yaml, from a directory
 * (`--from DIR`) or from their published URLs, refusing any file whose sha256 differs from the lock
 * unless `--accept` is given (then the lock is updated). `--if-missing` does nothing when the cache
 * is complete, fills it from ../shared/specs when that directory exists, and otherwise only prints
 * a hint.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { parseDocument } from 'yaml';
import { assertLockedHash, readSpecLock, sha256, type SpecFile } from './spec-lock.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const defaultSharedDir = resolve(root, '..', 'shared', 'specs');

interface PullOptions {
  from?: string;
  ifMissing?: boolean;
  accept?: boolean;
  lock: string;
  cache: string;
}

async function fetchBytes(file: SpecFile): Promise<Uint8Array> {
  const response = await fetch(file.url, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`${file.url}: HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

function recordHash({
  lockPath,
  file,
  hash,
}: {
  lockPath: string;
  file: SpecFile;
  hash: string;
}): void {
  const doc = parseDocument(readFileSync(lockPath, 'utf8'));
  const files = doc.get('files') as {
    items: { get(k: string): unknown; set(k: string, v: unknown): void }[];
  };
  const entry = files.items.find((item) => item.get('name') === file.name);
  entry?.set('sha256', hash);
  writeFileSync(lockPath, doc.toString());
}

async function pull(options: PullOptions): Promise<void> {
  const lockPath = resolve(root, options.lock);
  const cacheDir = resolve(root, options.cache);
  const lock = readSpecLock(lockPath);
  const missing = lock.files.filter((f) => !existsSync(join(cacheDir, f.name)));
  let from = options.from;
  if (options.ifMissing) {
    if (missing.length === 0) return;
    if (!from && existsSync(defaultSharedDir)) from = defaultSharedDir;
    if (!from) {
      console.error(
        `specs/.cache is missing ${missing.length} spec file(s). Run \`npm run specs:pull\` ` +
          '(downloads from the URLs in specs/lock.yaml) or `npm run specs:pull -- --from <dir>`.',
      );
      return;
    }
  }
  const wanted = options.ifMissing ? missing : lock.files;
  for (const file of wanted) {
    const data = from
      ? new Uint8Array(readFileSync(join(from, file.name)))
      : await fetchBytes(file);
    const hash = sha256(data);
    if (hash !== file.sha256) {
      if (!options.accept) assertLockedHash({ file, data });
      recordHash({ lockPath, file, hash });
      console.log(`${file.name}: accepted new sha256 ${hash}`);
    }
    const target = join(cacheDir, file.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    console.log(`${file.name}: ok`);
  }
}

const program = new Command()
  .name('specs-pull')
  .description('Fill specs/.cache from a directory or the published URLs, checking specs/lock.yaml')
  .option('--from <dir>', 'copy the spec files from this directory instead of downloading them')
  .option('--if-missing', 'only fill files missing from the cache; quiet no-op when complete')
  .option('--accept', 'accept files whose sha256 differs from the lock and record the new hash')
  .option('--lock <file>', 'spec lock file', 'specs/lock.yaml')
  .option('--cache <dir>', 'cache directory', 'specs/.cache');

program.parse();
pull(program.opts<PullOptions>()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
