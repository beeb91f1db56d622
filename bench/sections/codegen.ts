/**
 * Codegen: wall time of `npm run gen` on the real specs, writing into a scratch directory (so
 * generated/ is left alone) with `--out`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../runtime.js';

export interface Codegen {
  wallSeconds: number;
  /** What the generator reports for its own work (without npm and tsx start-up). */
  reportedSeconds?: number;
  files?: number;
}

export async function measureCodegen({ root }: { root: string }): Promise<Codegen> {
  const out = mkdtempSync(join(tmpdir(), 'jumpcloud-mcp-bench-gen-'));
  try {
    const result = await runCommand({
      command: 'npm',
      args: ['run', 'gen', '--', '--out', out],
      cwd: root,
      timeoutMs: 120_000,
    });
    if (result.code !== 0) throw new Error(`npm run gen failed: ${result.output.slice(-600)}`);
    const match = /Wrote (\d+) files .* in ([\d.]+)s/.exec(result.output);
    return {
      wallSeconds: result.ms / 1000,
      ...(match ? { files: Number(match[1]), reportedSeconds: Number(match[2]) } : {}),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
