/**
 * The production build (`npm run build`: the esbuild bundles of scripts/build.ts) runs: the bundled
 * server starts with its embedded sandbox, answers tools/list and a tools/call through a real MCP
 * client, and loads its lazily imported chunks (the sandbox, the authorization server and the
 * sandbox identity provider with `--auth api-key,oauth`); the bundled standalone sandbox starts.
 * Built into .tmp/ of the project, so that a concurrent `npm run build` (the benchmark's) is left
 * alone and node_modules resolves from the bundle as it does from dist/.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GUARDS } from '../../scripts/sdk-guards.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
let outdir: string;
let builtCache: string;
const children = new Set<ChildProcess>();

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) =>
      code === 0 ? done(output) : fail(new Error(`${command} exited ${code}: ${output}`)),
    );
  });
}

/**
 * Starts `node <entry> <args>` (or the command `<entry> <args>`); `ready` resolves with its stdout
 * once `pattern` matches it. A variable `env` sets to undefined is left out.
 */
function launch(
  entry: string,
  args: string[],
  pattern: RegExp,
  env: Record<string, string | undefined> = {},
): { child: ChildProcess; ready: Promise<string>; exited: Promise<number | null> } {
  // A .js entry runs under this node; the command (dist/jumpcloud-mcp) runs as it is, and finds
  // this node first on PATH.
  const child = spawn(
    entry.endsWith('.js') ? process.execPath : entry,
    entry.endsWith('.js') ? [entry, ...args] : args,
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
        JUMPCLOUD_MCP_CONFIRMATION_SECRET: randomBytes(32).toString('hex'),
        ...env,
      },
    },
  );
  children.add(child);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stdout = '';
  let stderr = '';
  const ready = new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`not ready: ${stdout}${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (pattern.test(stdout)) {
        clearTimeout(timer);
        done(stdout);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited ${code}: ${stdout}${stderr}`));
    });
  });
  return { child, ready, exited };
}

/** Starts `node <entry> <args>` and resolves with its stdout once `ready` matches it. */
function start(entry: string, args: string[], ready: RegExp): Promise<string> {
  return launch(entry, args, ready).ready;
}

/**
 * A copy of the build without its code cache, which servers started from the build may be
 * rewriting meanwhile (a start writes it once it has listened for 3 s).
 */
function copyBuild(copy: string): void {
  cpSync(outdir, copy, {
    recursive: true,
    filter: (source) => source !== join(outdir, '.cache'),
  });
}

/** Runs `body` with a new directory under .tmp/ named from `prefix`, removed afterwards. */
async function inTempDir(prefix: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(root, '.tmp', prefix));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  outdir = mkdtempSync(join(root, '.tmp', 'build-'));
  await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--outdir', outdir]);
  // The code cache the build wrote, before the starts below add to it.
  builtCache = `${outdir}-cache`;
  cpSync(join(outdir, '.cache'), builtCache, { recursive: true });
}, 120_000);

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(outdir, { recursive: true, force: true });
  rmSync(builtCache, { recursive: true, force: true });
});

describe('the bundled build', () => {
  it('keeps the sandbox, the authorization server and the Redis store out of the default start', () => {
    const chunks = readdirSync(join(outdir, 'esm', 'chunks'));
    const scripts = readdirSync(join(outdir, 'server', 'chunks'));
    for (const lazy of ['sandbox-', 'settings-', 'idp-', 'redis-client-']) {
      expect(chunks.some((name) => name.startsWith(lazy) && name.endsWith('.js'))).toBe(true);
      expect(scripts.some((name) => name.startsWith(lazy) && name.endsWith('.cjs'))).toBe(true);
    }
  });

  it('loads the real module behind each stand-in from lazy/, from main.js and from a chunk', async () => {
    const esm = join(outdir, 'esm');
    const startFiles = [
      join(esm, 'main.js'),
      ...readdirSync(join(esm, 'chunks'))
        .filter((name) => name.endsWith('.js'))
        .map((name) => join(esm, 'chunks', name)),
    ];
    const lazy = new Set<string>();
    for (const file of startFiles) {
      for (const match of readFileSync(file, 'utf8').matchAll(/__lazyRequire\("([^"]+)"\)/g))
        lazy.add(match[1]!);
    }
    // iconv-lite (raw-body), the two copies of mime-types (Koa, accepts) and @opentelemetry/api
    // (prom-client) stay out of the start.
    expect([...lazy].map((file) => file.replace(/-\w+\.cjs$/, '')).sort()).toEqual([
      'iconv-lite',
      'mime-types',
      'mime-types',
      'opentelemetry-api',
    ]);
    expect(readdirSync(join(esm, 'lazy')).sort()).toEqual([...lazy].sort());
    // The banner every output file starts with, run from both places a stand-in can be bundled.
    const banner = readFileSync(join(esm, 'main.js'), 'utf8').split('\n')[1]!;
    const use = `for (const file of ${JSON.stringify([...lazy])}) {
  const real = __lazyRequire(file);
  if (real.contentType) console.log(real.contentType('xml'));
  else if (real.getDecoder) console.log(real.getDecoder('latin1').write(Buffer.from([0xe9])));
  else console.log(typeof real.trace.getSpan);
}`;
    for (const dir of [esm, join(esm, 'chunks')]) {
      const probe = join(dir, 'lazy-probe.mjs');
      writeFileSync(probe, `${banner}\n${use}\n`);
      try {
        const output = await run(process.execPath, [probe]);
        expect(output.trim().split('\n').sort()).toEqual([
          'application/xml',
          'application/xml',
          'function',
          'é',
        ]);
      } finally {
        rmSync(probe);
      }
    }
  });

  it('serves tools/list and a tools/call against its embedded sandbox', async () => {
    const stdout = await start(
      join(outdir, 'main.js'),
      ['--sandbox', '--host', '127.0.0.1', '--port', '0'],
      /MCP endpoint: \S+[\s\S]*Bearer (jca_\w+)/,
    );
    const url = /MCP endpoint: (\S+)/.exec(stdout)![1]!;
    // Koa names a JSON body's type through the bundle's stand-in for mime-types.
    const health = await fetch(new URL('/healthz', url));
    expect(health.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await health.json()).toEqual({ status: 'ok' });
    const apiKey = /Bearer (jca_\w+)/.exec(stdout)![1]!;
    const client = new Client({ name: 'build-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('users_list');
    const result = (await client.callTool({
      name: 'users_list',
      arguments: { limit: 2 },
    })) as CallToolResult;
    expect(result.isError, JSON.stringify(result)).toBeFalsy();
    expect(result.content[0]).toMatchObject({ type: 'text' });
    expect((result.content[0] as { text: string }).text).toMatch(/username/);
    await client.close();
  });

  it('bundles the SDK guards with their required field tested first (scripts/sdk-guards.ts)', () => {
    const chunks = join(outdir, 'esm', 'chunks');
    const text = readdirSync(chunks)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(chunks, name), 'utf8'))
      .join('\n');
    for (const { name } of GUARDS)
      expect(text).toContain(`${name}=value=>typeof value=="object"&&value!==null&&value.`);
  });

  it('serves a stateful session (the SDK transport and Server, with the guards the build patches)', async () => {
    const stdout = await start(
      join(outdir, 'main.js'),
      ['--sandbox', '--stateful', '--host', '127.0.0.1', '--port', '0'],
      /MCP endpoint: \S+[\s\S]*Bearer (jca_\w+)/,
    );
    const url = /MCP endpoint: (\S+)/.exec(stdout)![1]!;
    const apiKey = /Bearer (jca_\w+)/.exec(stdout)![1]!;
    const transport = new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
    });
    const client = new Client({ name: 'build-test', version: '1.0.0' });
    await client.connect(transport);
    expect(transport.sessionId).toMatch(/^[\w-]{16,}$/);
    await client.ping();
    const result = (await client.callTool({
      name: 'users_list',
      arguments: { limit: 2 },
    })) as CallToolResult;
    expect(result.isError, JSON.stringify(result)).toBeFalsy();
    const invalid = (await client.callTool({
      name: 'users_list',
      arguments: { limit: 'two' },
    })) as CallToolResult;
    expect(invalid.isError).toBe(true);
    // A second initialize in the session is refused; a message that is no JSON-RPC message too.
    const post = (body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-session-id': transport.sessionId!,
          'mcp-protocol-version': transport.protocolVersion ?? '2025-06-18',
        },
        body: JSON.stringify(body),
      });
    const again = await post({
      jsonrpc: '2.0',
      id: 99,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'build-test', version: '1.0.0' },
      },
    });
    expect(again.status).toBe(400);
    expect(JSON.stringify(await again.json())).toMatch(/already initialized/i);
    const notMessage = await post({ jsonrpc: '2.0', id: 5 });
    expect(notMessage.status).toBe(400);
    await notMessage.arrayBuffer();
    expect((await client.listTools()).tools.length).toBeGreaterThan(30);
    await transport.terminateSession();
    await client.close();
  });

  it('with --auth api-key,oauth, serves the OAuth metadata and the sandbox identity provider', async () => {
    const stdout = await start(
      join(outdir, 'main.js'),
      ['--sandbox', '--auth', 'api-key,oauth', '--host', '127.0.0.1', '--port', '0'],
      /sandbox identity provider \((http:\/\/[^)]+)\)/,
    );
    const url = /MCP endpoint: (\S+)/.exec(stdout)![1]!;
    const idp = /sandbox identity provider \((http:\/\/[^)]+)\)/.exec(stdout)![1]!;
    const origin = new URL(url).origin;
    const resource = await fetch(`${origin}/.well-known/oauth-protected-resource/v1`);
    expect(resource.status).toBe(200);
    const server = await fetch(`${origin}/.well-known/oauth-authorization-server`);
    expect(server.status).toBe(200);
    const issuer = await fetch(`${idp}/.well-known/openid-configuration`);
    expect(issuer.status).toBe(200);
    expect(((await issuer.json()) as { issuer: string }).issuer).toBe(idp);
  });

  it('starts the standalone sandbox', async () => {
    const stdout = await start(
      join(outdir, 'sandbox', 'main.js'),
      ['--host', '127.0.0.1', '--port', '0'],
      /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    );
    const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
    expect((await fetch(`${origin}/api/systemusers?limit=1`)).status).toBe(401);
  });
});

describe('the jumpcloud-mcp command (scripts/jumpcloud-mcp.sh)', () => {
  /**
   * GLIBC_TUNABLES as a running process was given it, from /proc. glibc, reading it as the process
   * starts, writes a NUL over each ':' of it in place, where /proc reads: the tunables after the
   * first show there as entries of their own, which are joined again.
   */
  function tunables(pid: number): string | undefined {
    const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    const at = entries.findIndex((entry) => entry.startsWith('GLIBC_TUNABLES='));
    if (at < 0) return undefined;
    const parts = [entries[at]!.slice('GLIBC_TUNABLES='.length)];
    for (const entry of entries.slice(at + 1)) {
      if (!entry.startsWith('glibc.')) break;
      parts.push(entry);
    }
    return parts.join(':');
  }

  it('is written beside the entry, executable, and passes its arguments on', async () => {
    const command = join(outdir, 'jumpcloud-mcp');
    expect(statSync(command).mode & 0o111).toBe(0o111);
    expect(await run(command, ['--help'])).toContain('JUMPCLOUD_MCP_COMPILE_CACHE');
  });

  it.runIf(process.platform === 'linux')(
    'runs the server with glibc malloc tunables set, keeping those already given, when reached through a link as npm links it',
    async () => {
      await inTempDir('command-', async (dir) => {
        // node_modules/.bin/jumpcloud-mcp -> ../jumpcloud-mcp/dist/jumpcloud-mcp, relative.
        const bin = join(dir, 'node_modules', '.bin');
        mkdirSync(bin, { recursive: true });
        symlinkSync(relative(bin, join(outdir, 'jumpcloud-mcp')), join(bin, 'jumpcloud-mcp'));
        const cases: [string | undefined, string][] = [
          [undefined, 'glibc.malloc.mmap_threshold=131072'],
          ['', 'glibc.malloc.mmap_threshold=131072'],
          [
            'glibc.malloc.arena_max=2',
            'glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=131072',
          ],
          ['glibc.malloc.mmap_threshold=262144', 'glibc.malloc.mmap_threshold=262144'],
        ];
        for (const [given, expected] of cases) {
          const server = launch(
            join(bin, 'jumpcloud-mcp'),
            ['--sandbox', '--host', '127.0.0.1', '--port', '0'],
            /MCP endpoint: \S+[\s\S]*Bearer (jca_\w+)/,
            { GLIBC_TUNABLES: given },
          );
          const stdout = await server.ready;
          const url = /MCP endpoint: (\S+)/.exec(stdout)![1]!;
          expect((await fetch(new URL('/healthz', url))).status).toBe(200);
          // The server itself, not a shell left waiting for it: the command replaced itself.
          expect(readlinkSync(`/proc/${server.child.pid}/exe`)).toBe(
            realpathSync(process.execPath),
          );
          expect(tunables(server.child.pid!)).toBe(expected);
          server.child.kill('SIGTERM');
          expect(await server.exited).toBe(0);
        }
      });
    },
    60_000,
  );
});

describe("the server's V8 flags (src/v8-flags.ts)", () => {
  /**
   * Preloaded into the server: asked `{ majors: n }`, it allocates until V8 has run n full
   * collections of its own (a forced `gc()` neither ages nor drops code), and answers the code
   * space in use before and after them; asked `{ hot: true }`, how many calls a new function takes
   * to be optimized.
   */
  const PROBE = `
import { getHeapSpaceStatistics } from 'node:v8';
import { PerformanceObserver, constants } from 'node:perf_hooks';
const code = () =>
  getHeapSpaceStatistics().find((s) => s.space_name === 'code_space').space_used_size;
let majors = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors += 1;
}).observe({ entryTypes: ['gc'] });
process.on('message', async (message) => {
  if (typeof message?.majors !== 'number') return;
  globalThis.gc();
  const before = code();
  const start = majors;
  while (majors - start < message.majors) {
    let garbage = [];
    for (let i = 0; i < 2000; i += 1) garbage.push(new Array(1000).fill(i));
    garbage = null;
    await new Promise((next) => setImmediate(next));
  }
  globalThis.gc();
  process.send({ before, after: code() });
});
// Asked { hot: true } (with --allow-natives-syntax and --no-concurrent-recompilation): calls a
// function made now, after the server set its flags, until V8 has optimized it, and answers how
// many calls that took.
process.on('message', async (message) => {
  if (message?.hot !== true) return;
  const work = new Function('a', 'return a.x + a.y * 2 - (a.z | 0);');
  const optimized = new Function('f', 'return (%GetOptimizationStatus(f) & 16) !== 0;');
  const arg = { x: 1, y: 2, z: 3 };
  let calls = 0;
  while (!optimized(work) && calls < 100000) {
    for (let i = 0; i < 50; i += 1) work(arg);
    calls += 50;
    await new Promise((next) => setImmediate(next));
  }
  process.send({ calls });
});
process.channel?.unref();
`;

  /** The probe's answer to `message`, in a server that served a few calls. */
  async function askProbe<T>(probe: string, nodeFlags: string[], message: object): Promise<T> {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        ...nodeFlags,
        '--import',
        probe,
        join(outdir, 'main.js'),
        '--sandbox',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        env: {
          ...process.env,
          // --expose-gc is a V8 flag: a cache made without it would be refused anyway.
          JUMPCLOUD_MCP_COMPILE_CACHE: 'off',
          JUMPCLOUD_MCP_CONFIRMATION_SECRET: randomBytes(32).toString('hex'),
        },
      },
    );
    children.add(child);
    try {
      let stdout = '';
      const ready = await new Promise<string>((done, fail) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (/MCP endpoint: \S+[\s\S]*Bearer (jca_\w+)/.test(stdout)) done(stdout);
        });
        child.once('exit', (code) => fail(new Error(`exited ${code}: ${stdout}`)));
      });
      const url = /MCP endpoint: (\S+)/.exec(ready)![1]!;
      const headers = {
        authorization: `Bearer ${/Bearer (jca_\w+)/.exec(ready)![1]!}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      };
      for (let id = 1; id <= 5; id += 1) {
        const body = JSON.stringify({
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: { name: 'users_list', arguments: { limit: 5 } },
        });
        const response = await fetch(url, { method: 'POST', headers, body });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
      return await new Promise((done, fail) => {
        child.once('message', (answer) => done(answer as T));
        child.once('exit', (code) => fail(new Error(`exited ${code} before answering`)));
        child.send(message);
      });
    } finally {
      child.kill('SIGKILL');
    }
  }

  it('drop the machine code of functions that have stopped running, unless node is told otherwise', async () => {
    await inTempDir('v8-flags-', async (dir) => {
      const probe = join(dir, 'probe.mjs');
      writeFileSync(probe, PROBE);
      /** Code space in use before and after 8 full collections. */
      const codeAcrossCollections = (nodeFlags: string[]) =>
        askProbe<{ before: number; after: number }>(probe, nodeFlags, { majors: 8 });
      // The built server sets --flush-baseline-code for itself: start-up's code goes.
      const ours = await codeAcrossCollections([]);
      expect(ours.after).toBeLessThan(ours.before * 0.6);
      // A flag given on node's command line is left as given: most of the code stays (V8 drops
      // some without the flag too: 86% of it stayed on a busy machine).
      const kept = await codeAcrossCollections(['--no-flush-baseline-code']);
      expect(kept.after).toBeGreaterThan(kept.before * 0.75);
    });
  }, 60_000);

  it('optimize a function after a quarter of the calls V8 waits for by default, unless node is told otherwise', async () => {
    await inTempDir('v8-flags-', async (dir) => {
      const probe = join(dir, 'probe.mjs');
      writeFileSync(probe, PROBE);
      // Optimized as soon as its budget runs out, not whenever a compiler thread gets to it.
      const natives = ['--allow-natives-syntax', '--no-concurrent-recompilation'];
      const callsToOptimize = async (nodeFlags: string[]) =>
        (await askProbe<{ calls: number }>(probe, [...natives, ...nodeFlags], { hot: true })).calls;
      // The built server sets --interrupt-budget=16896 for itself (650 calls here).
      const ours = await callsToOptimize([]);
      // V8's default, given on node's command line, is left as given (2,550 calls here).
      const given = await callsToOptimize(['--interrupt-budget=67584']);
      expect(given).toBeLessThan(100_000);
      expect(ours).toBeLessThan(given / 3);
    });
  }, 60_000);
});

describe('the built entry and its code cache (src/boot.ts)', () => {
  // The listening line and the sandbox's lines, in either order.
  const LISTENING =
    /^(?=[\s\S]*"compileCache":(\{[^}]*\}))(?=[\s\S]*MCP endpoint: (\S+))(?=[\s\S]*Bearer (jca_\w+))/;

  interface Report {
    dir: string;
    cached: number;
    compiled: number;
    refused: number;
  }

  /** One start with the embedded sandbox: its report, a tools/call through it, a graceful stop. */
  async function startAndCall(
    entry: string,
    env: Record<string, string>,
  ): Promise<{ report: Report; code: number | null }> {
    const server = launch(
      entry,
      ['--sandbox', '--host', '127.0.0.1', '--port', '0'],
      LISTENING,
      env,
    );
    const [, report, url, apiKey] = LISTENING.exec(await server.ready)!;
    const client = new Client({ name: 'build-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url!), {
        requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
      }),
    );
    const result = (await client.callTool({
      name: 'users_list',
      arguments: { limit: 1 },
    })) as CallToolResult;
    expect(result.isError, JSON.stringify(result)).toBeFalsy();
    await client.close();
    server.child.kill('SIGTERM');
    return { report: JSON.parse(report!) as Report, code: await server.exited };
  }

  const cacheFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.bin'));

  it('compiles from source and writes the cache; later starts compile from it', async () => {
    await inTempDir('compile-cache-', async (dir) => {
      const first = await startAndCall(join(outdir, 'main.js'), {
        JUMPCLOUD_MCP_COMPILE_CACHE: dir,
      });
      expect(first.code).toBe(0);
      expect(first.report).toMatchObject({ dir, cached: 0, refused: 0 });
      expect(first.report.compiled).toBeGreaterThan(1);
      // Written at exit: the start's scripts and those loaded later (the sandbox's, undici's).
      expect(cacheFiles(dir).length).toBeGreaterThan(first.report.compiled);

      const second = await startAndCall(join(outdir, 'main.js'), {
        JUMPCLOUD_MCP_COMPILE_CACHE: dir,
      });
      expect(second.report).toEqual({
        dir,
        cached: first.report.compiled,
        compiled: 0,
        refused: 0,
      });

      // Damaged caches (cut short, or another script's) are refused, compiled anew and rewritten.
      const files = cacheFiles(dir).sort();
      for (const [i, name] of files.entries()) {
        const bytes = readFileSync(join(dir, name));
        writeFileSync(
          join(dir, name),
          i % 2 === 0 ? bytes.subarray(0, bytes.length >> 1) : readFileSync(join(dir, files[0]!)),
        );
      }
      const third = await startAndCall(join(outdir, 'main.js'), {
        JUMPCLOUD_MCP_COMPILE_CACHE: dir,
      });
      expect(third.report).toMatchObject({ cached: 0, refused: first.report.compiled });
      const fourth = await startAndCall(join(outdir, 'main.js'), {
        JUMPCLOUD_MCP_COMPILE_CACHE: dir,
      });
      expect(fourth.report).toMatchObject({ cached: first.report.compiled, refused: 0 });
    });
  }, 60_000);

  it('compiles a script changed since the build from its text, not from the cache', async () => {
    // V8 checks a cache against the length of its script only: the same length, another text.
    await inTempDir('build-copy-', async (copy) => {
      copyBuild(copy);
      const cache = join(copy, 'cache');
      const entry = join(copy, 'main.js');
      await startAndCall(entry, { JUMPCLOUD_MCP_COMPILE_CACHE: cache });
      const script = join(copy, 'server', 'main.cjs');
      const text = readFileSync(script, 'utf8');
      expect(text).toContain('could not start: ');
      writeFileSync(script, text.replace('could not start: ', 'could not start! '));
      const changed = await startAndCall(entry, { JUMPCLOUD_MCP_COMPILE_CACHE: cache });
      expect(changed.report).toMatchObject({ refused: 1, compiled: 1 });
      expect(changed.report.cached).toBeGreaterThan(0);
    });
  }, 60_000);

  it('says what to do when the build is incomplete', async () => {
    await inTempDir('build-copy-', async (copy) => {
      copyBuild(copy);
      rmSync(join(copy, 'server', 'scripts.json'));
      const server = launch(join(copy, 'main.js'), ['--port', '0'], /never/);
      server.ready.catch(() => {});
      let stderr = '';
      server.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await server.exited).toBe(1);
      expect(stderr).toMatch(
        /cannot read \S+scripts\.json \(ENOENT[^)]*\), which npm run build writes/,
      );
      expect(stderr).toContain('Run npm run build again.');
    });
  });

  it('starts and stops as usual with the cache off or in a directory it cannot write', async () => {
    await inTempDir('compile-cache-', async (dir) => {
      // A build of its own, so that no other start writes its default directory (.cache), which
      // the build wrote with what a start runs.
      const copy = join(dir, 'build');
      copyBuild(copy);
      const cache = join(copy, '.cache');
      cpSync(builtCache, cache, { recursive: true });
      const sizes = () =>
        Object.fromEntries(
          cacheFiles(cache).map((name) => [name, statSync(join(cache, name)).size]),
        );
      const built = sizes();
      expect(Object.keys(built).length).toBeGreaterThan(1);
      const off = await startAndCall(join(copy, 'main.js'), { JUMPCLOUD_MCP_COMPILE_CACHE: 'off' });
      expect(off.code).toBe(0);
      expect(off.report).toMatchObject({ dir: 'off', cached: 0, refused: 0 });
      expect(sizes()).toEqual(built);
      // Nor does --help (the server never listens), with the cache on.
      const help = await run(process.execPath, [join(copy, 'main.js'), '--help'], {
        JUMPCLOUD_MCP_COMPILE_CACHE: join(dir, 'help-cache'),
      });
      expect(help).toContain('JUMPCLOUD_MCP_COMPILE_CACHE');
      expect(existsSync(join(dir, 'help-cache'))).toBe(false);
      // Without the variable: the build's cache, which grows with what the requests ran.
      const defaults = await startAndCall(join(copy, 'main.js'), {});
      // (--sandbox also compiles the sandbox's scripts, which the build's start did not load.)
      expect(defaults.report).toMatchObject({
        dir: cache,
        cached: Object.keys(built).length,
        refused: 0,
      });
      const grown = sizes();
      const main = Object.keys(built).find((name) => name.startsWith('main.cjs-'))!;
      expect(grown[main]).toBeGreaterThan(built[main]!);
      // A regular file where the directory should be: nothing can be written below it.
      const blocked = join(dir, 'file');
      writeFileSync(blocked, '');
      const unwritable = await startAndCall(join(outdir, 'main.js'), {
        JUMPCLOUD_MCP_COMPILE_CACHE: join(blocked, 'cache'),
      });
      expect(unwritable.code).toBe(0);
      expect(unwritable.report).toMatchObject({ cached: 0, refused: 0 });
    });
  }, 60_000);
});
