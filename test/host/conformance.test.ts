import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthProxy } from './fixtures/auth-proxy.js';
import { API_KEY } from './fixtures/constants.js';
import { startHost } from '../e2e/harness.js';
import { startFakeUpstream } from './fixtures/upstream.js';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'node_modules', '.bin', 'conformance');
const BASELINE = {
  stateless: join(import.meta.dirname, 'conformance-expected-failures-stateless.yml'),
  stateful: join(import.meta.dirname, 'conformance-expected-failures.yml'),
};

/** Scenarios that must pass outright (not merely be absent from the baseline). */
const MUST_PASS = [
  'server-initialize',
  'ping',
  'tools-list',
  'logging-set-level',
  'dns-rebinding-protection',
];

async function statuses(outputDir: string, scenario: string): Promise<string[]> {
  const dirs = (await readdir(outputDir)).filter((name) => name.startsWith(`server-${scenario}-`));
  const checks: { status: string }[] = [];
  for (const dir of dirs)
    checks.push(...JSON.parse(await readFile(join(outputDir, dir, 'checks.json'), 'utf8')));
  return checks.map((check) => check.status);
}

describe.each([
  ['stateless', false],
  ['stateful', true],
] as const)('MCP conformance suite 0.1.13 against the real server (%s)', (mode, stateful) => {
  let cleanup: (() => Promise<void>)[] = [];
  let url = '';
  let outputDir = '';
  let logs: string[] = [];

  beforeAll(async () => {
    const upstream = await startFakeUpstream();
    const server = await startHost({ baseUrl: upstream.origin, stateful });
    // The runner cannot send headers; this forwarder adds the bearer key and passes Host and Origin.
    const proxy = await startAuthProxy({
      target: server.url.replace(/\/v1$/, ''),
      apiKey: API_KEY,
    });
    outputDir = await mkdtemp(join(tmpdir(), 'conformance-'));
    url = `${proxy.origin}/v1`;
    logs = server.logs;
    cleanup = [
      proxy.close,
      server.close,
      upstream.close,
      () => rm(outputDir, { recursive: true, force: true }),
    ];
  });
  afterAll(async () => {
    for (const step of cleanup) await step();
  });

  it('passes every applicable scenario; the baseline names the rest', async () => {
    const result = await run(
      BIN,
      ['server', '--url', url, '--expected-failures', BASELINE[mode], '-o', outputDir],
      {
        timeout: 180_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    ).then(
      () => ({ code: 0, output: '' }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? 1,
        output: (error.stdout ?? '').slice((error.stdout ?? '').search(/Unexpected|Stale/)),
      }),
    );
    expect(result.code, result.output).toBe(0);
    for (const scenario of MUST_PASS) {
      const found = await statuses(outputDir, scenario);
      expect(found.length, scenario).toBeGreaterThan(0);
      expect(
        found.filter((status) => status === 'FAILURE'),
        scenario,
      ).toEqual([]);
    }
    expect(logs.join('\n')).not.toContain(API_KEY);
  });
});
