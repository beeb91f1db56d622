/** The two processes under test: the standalone sandbox (the upstream) and the MCP server. */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Runtime } from './runtime.js';
import { freePort, spawnNode, waitUntil } from './processes.js';
import type { Child } from './processes.js';

export interface RunningSandbox {
  child: Child;
  /** Origin, e.g. http://127.0.0.1:4010 */
  url: string;
  /** MSP key (reaches every organization). */
  apiKey: string;
}

export interface RunningServer {
  child: Child;
  /** The MCP endpoint, http://127.0.0.1:<port>/v1 */
  url: string;
  origin: string;
}

/** Starts `src/sandbox/main.ts --port 0` and reads its URL and key from the lines it prints. */
export async function startSandboxProcess(runtime: Runtime): Promise<RunningSandbox> {
  let stdout = '';
  const child = spawnNode({
    entry: runtime.sandboxEntry,
    args: ['--host', '127.0.0.1', '--port', '0'],
    tsx: runtime.tsx,
    onStdout: (chunk) => {
      stdout = (stdout + chunk).slice(-16_384);
    },
  });
  let url = '';
  let apiKey = '';
  await waitUntil({
    child,
    what: 'sandbox',
    timeoutMs: 30_000,
    check: async () => {
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? '';
      apiKey = /every organization\): (\S+)/.exec(stdout)?.[1] ?? '';
      return url !== '' && apiKey !== '';
    },
  });
  return { child, url, apiKey };
}

/**
 * Starts the MCP server against the sandbox on a free loopback port, with the default log level
 * (its logs go nowhere), and waits for /readyz unless `wait` is false.
 */
export async function startServerProcess({
  runtime,
  sandboxUrl,
  stateful,
  extraArgs = [],
  wait = true,
  nodeFlags,
  probe,
  env = {},
}: {
  runtime: Runtime;
  sandboxUrl: string;
  stateful: boolean;
  extraArgs?: readonly string[];
  wait?: boolean;
  nodeFlags?: readonly string[];
  /** Preload the memory probe (default); the cold start leaves it out (bench/processes.ts). */
  probe?: boolean;
  /** More environment, e.g. JUMPCLOUD_MCP_COMPILE_CACHE. */
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const port = await freePort();
  // The built server runs through its command, as production runs it; a build without one (an
  // older build compared side by side) and the TypeScript sources run under node directly.
  const command = join(dirname(runtime.serverEntry), 'jumpcloud-mcp');
  const child = spawnNode({
    entry: runtime.serverEntry,
    ...(!runtime.tsx && existsSync(command) ? { command } : {}),
    args: [
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--base-url',
      sandboxUrl,
      ...(stateful ? ['--stateful'] : []),
      // The benchmark measures the server's own cost: no rate budgets in the way.
      '--upstream-rate',
      '0',
      '--tool-calls-per-minute',
      '0',
      ...extraArgs,
    ],
    tsx: runtime.tsx,
    nodeFlags,
    probe,
    env: {
      NODE_ENV: 'production',
      JUMPCLOUD_MCP_CONFIRMATION_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
  });
  const origin = `http://127.0.0.1:${port}`;
  if (wait) {
    await waitUntil({
      child,
      what: `MCP server (${stateful ? 'stateful' : 'stateless'})`,
      timeoutMs: 30_000,
      check: async () => {
        const response = await fetch(`${origin}/readyz`);
        await response.arrayBuffer();
        return response.status === 200;
      },
    });
  }
  return { child, url: `${origin}/v1`, origin };
}
