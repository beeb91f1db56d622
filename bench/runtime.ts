/**
 * What the benchmark runs: the bundled server (`npm run build` -> dist/), the production shape,
 * or the TypeScript sources through tsx when the build produced nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Runtime {
  /** How the server under test runs, as printed in the report. */
  label: string;
  tsx: boolean;
  serverEntry: string;
  sandboxEntry: string;
}

/** Runs a command to completion; resolves with its exit code, wall time and combined output tail. */
export function runCommand({
  command,
  args,
  cwd,
  timeoutMs,
}: {
  command: string;
  args: readonly string[];
  cwd: string;
  timeoutMs: number;
}): Promise<{ code: number | null; ms: number; output: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // Its own process group, so that killing it also kills what npm started under it.
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8192);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(killGroup, timeoutMs);
    const onExit = killGroup;
    process.once('exit', onExit);
    child.once('error', (error) => {
      clearTimeout(timer);
      process.off('exit', onExit);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      process.off('exit', onExit);
      resolve({ code, ms: performance.now() - started, output });
    });
  });
}

const tsxRuntime = (root: string, why: string): Runtime => ({
  label: `TypeScript through tsx (${why})`,
  tsx: true,
  serverEntry: join(root, 'src', 'main.ts'),
  sandboxEntry: join(root, 'src', 'sandbox', 'main.ts'),
});

/**
 * Builds dist/ with `npm run build`; falls back to tsx when the build emitted no entry points, or
 * uses tsx right away when `tsx` is set.
 */
export async function prepareRuntime({
  root,
  tsx = false,
}: {
  root: string;
  tsx?: boolean;
}): Promise<Runtime> {
  if (tsx) return tsxRuntime(root, '--tsx');
  const serverJs = join(root, 'dist', 'main.js');
  const sandboxJs = join(root, 'dist', 'sandbox', 'main.js');
  const before = Date.now() - 1000;
  const build = await runCommand({
    command: 'npm',
    args: ['run', 'build', '--silent'],
    cwd: root,
    timeoutMs: 120_000,
  });
  const fresh = (file: string) => existsSync(file) && statSync(file).mtimeMs >= before;
  if (fresh(serverJs) && fresh(sandboxJs)) {
    return {
      label:
        build.code === 0
          ? 'bundled JS (npm run build -> dist/)'
          : 'bundled JS (npm run build -> dist/, the build reported errors)',
      tsx: false,
      serverEntry: serverJs,
      sandboxEntry: sandboxJs,
    };
  }
  return tsxRuntime(root, 'npm run build emitted nothing');
}
