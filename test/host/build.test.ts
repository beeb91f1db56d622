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
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
let outdir: string;
const children = new Set<ChildProcess>();

function run(command: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) =>
      code === 0 ? done(output) : fail(new Error(`${command} exited ${code}: ${output}`)),
    );
  });
}

/** Starts `node <entry> <args>` and resolves with its stdout once `ready` matches it. */
function start(entry: string, args: string[], ready: RegExp): Promise<string> {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JUMPCLOUD_MCP_CONFIRMATION_SECRET: randomBytes(32).toString('hex') },
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`not ready: ${stdout}${stderr}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (ready.test(stdout)) {
        clearTimeout(timer);
        done(stdout);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited ${code}: ${stdout}${stderr}`));
    });
  });
}

beforeAll(async () => {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  outdir = mkdtempSync(join(root, '.tmp', 'build-'));
  await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--outdir', outdir]);
}, 120_000);

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(outdir, { recursive: true, force: true });
});

describe('the bundled build', () => {
  it('keeps the sandbox, the authorization server and the Redis store out of the default start', () => {
    const chunks = readdirSync(join(outdir, 'chunks'));
    for (const lazy of ['sandbox-', 'settings-', 'idp-', 'redis-client-'])
      expect(chunks.some((name) => name.startsWith(lazy))).toBe(true);
  });

  it('loads the real module behind each stand-in from lazy/, from main.js and from a chunk', async () => {
    const startFiles = [
      join(outdir, 'main.js'),
      ...readdirSync(join(outdir, 'chunks'))
        .filter((name) => name.endsWith('.js'))
        .map((name) => join(outdir, 'chunks', name)),
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
    expect(readdirSync(join(outdir, 'lazy')).sort()).toEqual([...lazy].sort());
    // The banner every output file starts with, run from both places a stand-in can be bundled.
    const banner = readFileSync(join(outdir, 'main.js'), 'utf8').split('\n')[1]!;
    const use = `for (const file of ${JSON.stringify([...lazy])}) {
  const real = __lazyRequire(file);
  if (real.contentType) console.log(real.contentType('xml'));
  else if (real.getDecoder) console.log(real.getDecoder('latin1').write(Buffer.from([0xe9])));
  else console.log(typeof real.trace.getSpan);
}`;
    for (const dir of [outdir, join(outdir, 'chunks')]) {
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
