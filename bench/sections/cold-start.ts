/**
 * Cold start: from spawning the server process to the first successful tools/list by a real MCP
 * client (initialize, initialized, tools/list), against `node -e 0` as the floor.
 */
import { openSession } from '../mcp.js';
import { runCommand } from '../runtime.js';
import type { Runtime } from '../runtime.js';
import type { RunningSandbox } from '../services.js';
import { startServerProcess } from '../services.js';

export interface ColdStart {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** `node -e 0`, median: what any Node process costs before our code runs. */
  nodeFloorMs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
};

async function once({
  runtime,
  sandbox,
}: {
  runtime: Runtime;
  sandbox: RunningSandbox;
}): Promise<number> {
  const started = performance.now();
  const server = await startServerProcess({
    runtime,
    sandboxUrl: sandbox.url,
    stateful: false,
    wait: false,
  });
  try {
    const deadline = started + 30_000;
    for (;;) {
      try {
        const session = await openSession({ url: server.url, apiKey: sandbox.apiKey });
        const { tools } = await session.client.listTools();
        const ms = performance.now() - started;
        await session.close();
        if (tools.length === 0) throw new Error('tools/list returned no tools');
        return ms;
      } catch (error) {
        if (error instanceof Error && error.message === 'tools/list returned no tools') throw error;
        if (performance.now() > deadline)
          throw new Error(`cold start: no tools/list after 30 s. ${server.child.stderrTail()}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
  } finally {
    await server.child.kill();
  }
}

export async function measureColdStart({
  runtime,
  sandbox,
  runs,
}: {
  runtime: Runtime;
  sandbox: RunningSandbox;
  runs: number;
}): Promise<ColdStart> {
  const floors: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const result = await runCommand({
      command: process.execPath,
      args: ['-e', '0'],
      cwd: process.cwd(),
      timeoutMs: 10_000,
    });
    floors.push(result.ms);
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await once({ runtime, sandbox }));
  return {
    runs,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    nodeFloorMs: median(floors),
  };
}
