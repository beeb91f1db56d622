/**
 * `npm run bench -- --quick` runs every section end to end (build, sandbox, servers, load, memory
 * probes, cold start, codegen, token counts) and produces sane, non-empty figures. No timing
 * thresholds: the figures of a smoke run on a shared machine say nothing about speed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

interface Load {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

/* The shape bench/results.json has; only what the assertions read. */
interface Results {
  quick: boolean;
  machine: { cpus: number; cpuModel: string; node: string };
  runtime: string;
  overhead: {
    rows: {
      mode: string;
      tool: string;
      connections: number;
      direct: Load;
      mcp: Load;
      rpsRatio: number;
    }[];
    upstream: Record<string, string>;
  };
  toolsList: {
    load: Load;
    tools: number;
    responseBytes: number;
    tokens: number;
    tokensPerTool: number;
    perTool: { name: string; tokens: number }[];
  };
  memory: {
    sessions: { sessions: number; rssMiBAfter: number; heapKiBPerSession: number };
    leak: { callsFirst: number; callsSecond: number; rssMiBFirst: number; rssMiBSecond: number };
    leakFloor: {
      server: string;
      callsFirst: number;
      callsSecond: number;
      rssMiBFirst: number;
      rssMiBSecond: number;
    };
  };
  coldStart: { runs: number; medianMs: number; nodeFloorMs: number };
  codegen: { wallSeconds: number; files?: number };
  responseCost: {
    tool: string;
    items: number;
    tokens: number;
    upstreamTokens: number;
    responseBytes: number;
    textBytes: number;
    wireRatio: number;
  }[];
  peers: {
    rows: {
      case: string;
      connections: number;
      servers: Record<
        string,
        {
          rps: number;
          cpuUs: number;
          upstreamCpuUs?: number;
          clientCpuUs?: number;
          requests: number;
        }
      >;
      rpsVsPeer?: number;
      cpuVsFloor?: number;
      ceilingVsPeer?: number;
      bareVsPeer?: number;
    }[];
  };
  targets: { name: string; value: string; met: boolean }[];
}

const positive = (value: number) => Number.isFinite(value) && value > 0;

let dir: string;
let results: Results;
let stdout = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jumpcloud-mcp-bench-test-'));
  const out = join(dir, 'results.json');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench', 'run.ts'), '--quick', '--out', out],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const timer = setTimeout(() => child.kill('SIGTERM'), 170_000);
  const code = await new Promise<number | null>((done) => child.once('close', done));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`bench --quick exited with ${code}:\n${stderr}`);
  results = JSON.parse(readFileSync(out, 'utf8')) as Results;
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run bench -- --quick', () => {
  it('prints every section and the machine', () => {
    for (const heading of [
      'Machine: ',
      '1. tools/call overhead',
      '2. tools/list',
      '3. Memory',
      '4-5. Cold start and codegen',
      '6. Response cost',
      '7. Side by side',
      'CPU per call of each process',
      'Targets',
    ])
      expect(stdout).toContain(heading);
    expect(results.quick).toBe(true);
    expect(results.machine.cpus).toBeGreaterThan(0);
    expect(results.machine.cpuModel).not.toBe('');
    expect(results.machine.node).toBe(process.version);
    // The production build (the bundle), not the tsx fallback of a build that emitted nothing.
    expect(results.runtime).toBe('bundled JS (npm run build -> dist/)');
  });

  it('measures tools/call direct and through MCP for both tools, concurrencies and modes', () => {
    const keys = results.overhead.rows.map((row) => `${row.mode} ${row.tool} ${row.connections}`);
    for (const mode of ['stateless', 'stateful'])
      for (const tool of ['devices_list', 'user_get'])
        for (const connections of [1, 32]) expect(keys).toContain(`${mode} ${tool} ${connections}`);
    for (const row of results.overhead.rows) {
      for (const load of [row.direct, row.mcp]) {
        expect(load.requests).toBeGreaterThan(0);
        expect(load.failures).toBe(0);
        expect(positive(load.rps)).toBe(true);
        expect(positive(load.p50Ms)).toBe(true);
        expect(load.p99Ms).toBeGreaterThanOrEqual(load.p50Ms);
      }
      expect(positive(row.rpsRatio)).toBe(true);
    }
    expect(results.overhead.upstream.user_get).toMatch(/^GET \/api\/systemusers\/\w+/);
    expect(results.overhead.upstream.devices_list).toMatch(/^(GET|POST) \/api\//);
  });

  it('counts tools/list throughput, bytes and o200k tokens per tool', () => {
    const list = results.toolsList;
    expect(list.tools).toBeGreaterThan(0);
    expect(list.perTool).toHaveLength(list.tools);
    expect(list.load.failures).toBe(0);
    expect(positive(list.load.rps)).toBe(true);
    expect(list.responseBytes).toBeGreaterThan(list.tokens);
    expect(list.tokensPerTool).toBeCloseTo(list.tokens / list.tools, 5);
    const summed = list.perTool.reduce((sum, tool) => sum + tool.tokens, 0);
    expect(summed).toBeGreaterThan(list.tokens * 0.9);
  });

  it('reads server memory with sessions open and after stateless calls', () => {
    const { sessions, leak, leakFloor } = results.memory;
    expect(sessions.sessions).toBeGreaterThan(0);
    expect(positive(sessions.rssMiBAfter)).toBe(true);
    expect(Number.isFinite(sessions.heapKiBPerSession)).toBe(true);
    expect(leak.callsSecond).toBeGreaterThan(leak.callsFirst);
    expect(positive(leak.rssMiBFirst) && positive(leak.rssMiBSecond)).toBe(true);
    expect(leakFloor.server).toBe('sdk-floor');
    expect(leakFloor.callsSecond).toBeGreaterThan(leakFloor.callsFirst);
    expect(positive(leakFloor.rssMiBFirst) && positive(leakFloor.rssMiBSecond)).toBe(true);
  });

  it('times cold start, codegen and counts response tokens', () => {
    expect(results.coldStart.runs).toBeGreaterThan(0);
    expect(results.coldStart.medianMs).toBeGreaterThan(results.coldStart.nodeFloorMs * 0.5);
    expect(positive(results.codegen.wallSeconds)).toBe(true);
    expect(results.codegen.files).toBeGreaterThan(0);
    expect(results.responseCost.map((cost) => cost.tool)).toEqual([
      'users_list',
      'devices_list',
      'di_events_get',
    ]);
    for (const cost of results.responseCost) {
      expect(cost.items).toBeGreaterThan(0);
      expect(cost.tokens).toBeGreaterThan(cost.items);
      expect(cost.upstreamTokens).toBeGreaterThan(0);
      // The wire carries the text once, inside the JSON-RPC envelope.
      expect(cost.responseBytes).toBeGreaterThan(cost.textBytes);
      expect(cost.wireRatio).toBeCloseTo(cost.responseBytes / cost.textBytes, 5);
    }
  });

  it('runs the generic proxy, the SDK floor, the client ceiling and the bare proxy beside the server on the same sandbox', () => {
    const keys = results.peers.rows.map((row) => `${row.case} ${row.connections}`);
    expect(keys).toEqual([
      'user_get 1',
      'user_get 32',
      'users_list 1',
      'users_list 32',
      'tools/list 32',
    ]);
    for (const row of results.peers.rows) {
      expect(Object.keys(row.servers).sort()).toEqual([
        'bare-proxy',
        'client-ceiling',
        'jumpcloud-mcp',
        'openapi-mcp-server',
        'sdk-floor',
      ]);
      for (const [name, cell] of Object.entries(row.servers)) {
        expect(cell.requests).toBeGreaterThan(0);
        expect(positive(cell.rps) && positive(cell.cpuUs)).toBe(true);
        // The load generator works for every server; the sandbox for all but the client ceiling,
        // which answers without an upstream request.
        expect(positive(cell.clientCpuUs ?? Number.NaN)).toBe(true);
        if (name !== 'client-ceiling' && row.case !== 'tools/list')
          expect(positive(cell.upstreamCpuUs ?? Number.NaN)).toBe(true);
      }
      expect(positive(row.rpsVsPeer ?? Number.NaN)).toBe(true);
      expect(positive(row.cpuVsFloor ?? Number.NaN)).toBe(true);
      expect(positive(row.ceilingVsPeer ?? Number.NaN)).toBe(true);
      expect(positive(row.bareVsPeer ?? Number.NaN)).toBe(true);
    }
  });

  it('checks every target', () => {
    expect(results.targets).toHaveLength(11);
    for (const target of results.targets) expect(target.value).not.toMatch(/n\/a/);
  });
});
