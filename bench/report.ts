/** Targets and the printed table. */
import type { BenchResults } from './run-bench.js';

export interface TargetCheck {
  name: string;
  target: string;
  value: string;
  met: boolean;
}

const f = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : 'n/a';

export function checkTargets(results: BenchResults): TargetCheck[] {
  const rows = results.overhead.rows;
  const c1 = rows.filter((row) => row.connections === 1);
  const c32 = rows.filter((row) => row.connections === 32);
  const worstAdded = Math.max(...c1.map((row) => row.addedP50Ms));
  const worstRatio = Math.min(...c32.map((row) => row.rpsRatio));
  const { sessions } = results.memory;
  const perSession = Math.max(sessions.idleRssKiBPerSession, sessions.idleHeapKiBPerSession);
  const peerRows = results.peers.rows.filter((row) => row.case !== 'tools/list');
  const worstRow = peerRows.reduce((worst, row) =>
    (row.rpsVsPeer ?? Number.NaN) < (worst.rpsVsPeer ?? Number.NaN) ? row : worst,
  );
  const worstVsPeer = worstRow.rpsVsPeer ?? Number.NaN;
  const worstVsFloor = Math.max(...peerRows.map((row) => row.cpuVsFloor ?? Number.NaN));
  const worstWire = Math.max(...results.responseCost.map((cost) => cost.wireRatio));
  const { leak, leakFloor } = results.memory;
  return [
    {
      name: 'Calls per second vs the generic OpenAPI proxy (worst of user_get, users_list at c=1, 32)',
      target: '>= 1.5x',
      value: `${f(worstVsPeer, 2)}x (${worstRow.case} c=${worstRow.connections}; the client ceiling there ${f(worstRow.ceilingVsPeer ?? Number.NaN, 2)}x, the bare proxy ${f(worstRow.bareVsPeer ?? Number.NaN, 2)}x)`,
      met: worstVsPeer >= 1.5,
    },
    {
      name: 'CPU per tools/call vs the SDK minimal stateless server (worst case)',
      target: '<= 1.0x',
      value: `${f(worstVsFloor, 2)}x`,
      met: worstVsFloor <= 1,
    },
    {
      name: 'Added p50 per tools/call, concurrency 1 (worst case)',
      target: '<= 1 ms',
      value: `${f(worstAdded, 2)} ms`,
      met: worstAdded <= 1,
    },
    {
      name: 'Through-MCP throughput vs direct, concurrency 32 (worst case)',
      target: '>= 60%',
      value: `${f(worstRatio * 100)}%`,
      met: worstRatio >= 0.6,
    },
    {
      name: 'tools/list requests per second, concurrency 32 (3x the 1,963 of the SDK-per-request server)',
      target: '>= 5,889',
      value: f(results.toolsList.load.rps),
      met: results.toolsList.load.rps >= 5889,
    },
    {
      name: `Memory per idle session (larger of RSS and heap, after ${results.memory.sessions.idleSeconds} s idle)`,
      target: '<= 50 KiB',
      value: `${f(perSession, 1)} KiB`,
      met: perSession <= 50,
    },
    {
      name: `Stateless RSS after ${f(leak.callsSecond)} calls vs after ${f(leak.callsFirst)}`,
      target: 'no higher',
      value:
        `${f(leak.rssMiBSecond, 1)} / ${f(leak.rssMiBFirst, 1)} MiB (heap ${f(leak.heapMiBSecond, 1)} / ${f(leak.heapMiBFirst, 1)}); ` +
        `the SDK floor ${f(leakFloor.rssMiBSecond, 1)} / ${f(leakFloor.rssMiBFirst, 1)} MiB`,
      met: leak.rssMiBSecond <= leak.rssMiBFirst,
    },
    {
      name: 'Bytes on the wire per result vs its text (worst of the response-cost cases)',
      target: '<= 1.1x',
      value: `${f(worstWire, 2)}x`,
      met: worstWire <= 1.1,
    },
    {
      name: 'Cold start to first tools/list (median)',
      target: '< 300 ms',
      value: `${f(results.coldStart.medianMs)} ms with the code cache, ${f(results.coldStart.uncachedMedianMs)} ms without`,
      met: results.coldStart.medianMs < 300,
    },
    {
      name: 'Codegen (npm run gen, wall)',
      target: '< 10 s',
      value: `${f(results.codegen.wallSeconds, 1)} s`,
      met: results.codegen.wallSeconds < 10,
    },
    {
      name: 'tools/list tokens per tool (mean)',
      target: '<= 100',
      value: f(results.toolsList.tokensPerTool, 1),
      met: results.toolsList.tokensPerTool <= 100,
    },
  ];
}

function table(header: readonly string[], body: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
}

/** What the calls-per-second aim asks of a call at c=1, from a traced row of section 7. */
export interface Headroom {
  case: string;
  /** Untraced time per call (1 / calls per second), us: this server, the peer. */
  ourUs: number;
  peerUs: number;
  /** The time per call that makes `aim` times the peer's calls per second, us. */
  aimUs: number;
  /** How much shorter a call must get: ourUs - aimUs (negative: met). */
  cutUs: number;
  /** This server's own parts (before the upstream request, after its answer), traced, us. */
  ownUs: number;
  /** The bare proxy's own parts, traced, us (undefined without it). */
  bareOwnUs?: number;
}

/**
 * For each traced c=1 row: the time per call `aim` times the peer's rate asks for, how far this
 * server's untraced time is from it, and this server's own traced parts beside the bare proxy's.
 */
export function headroom(rows: BenchResults['peers']['rows'], aim = 1.5): Headroom[] {
  const out: Headroom[] = [];
  for (const row of rows) {
    const ours = row.servers['jumpcloud-mcp'];
    const peer = row.servers['openapi-mcp-server'];
    const parts = row.parts?.['jumpcloud-mcp'];
    if (row.connections !== 1 || !ours?.rps || !peer?.rps || !parts) continue;
    const ourUs = 1e6 / ours.rps;
    const peerUs = 1e6 / peer.rps;
    const aimUs = peerUs / aim;
    const bare = row.parts?.['bare-proxy'];
    out.push({
      case: row.case,
      ourUs,
      peerUs,
      aimUs,
      cutUs: ourUs - aimUs,
      ownUs: (parts.requestMs + parts.answerMs) * 1000,
      ...(bare ? { bareOwnUs: (bare.requestMs + bare.answerMs) * 1000 } : {}),
    });
  }
  return out;
}

/**
 * Section 7's CPU per call of each process: the server's, the sandbox's (the same upstream request
 * behind every server but the client ceiling) and the load generator's, where the run measured
 * the last two.
 */
function processCpuTable(rows: BenchResults['peers']['rows']): string[] {
  const measured = rows.filter((row) =>
    Object.values(row.servers).some((c) => c?.upstreamCpuUs !== undefined),
  );
  if (measured.length === 0) return [];
  const names = ['jumpcloud-mcp', 'openapi-mcp-server', 'sdk-floor', 'bare-proxy'] as const;
  return [
    '',
    'CPU per call of each process (us; server / upstream / load generator)',
    ...table(
      ['case', 'conc.', ...names],
      measured.map((row) => [
        row.case,
        String(row.connections),
        ...names.map((name) => {
          const c = row.servers[name];
          if (!c || c.upstreamCpuUs === undefined || c.clientCpuUs === undefined) return 'n/a';
          return `${f(c.cpuUs)} / ${f(c.upstreamCpuUs)} / ${f(c.clientCpuUs)}`;
        }),
      ]),
    ),
  ];
}

/** Section 7's calls at c=1 split at each server's system calls, where the run traced them. */
function partsTable(rows: BenchResults['peers']['rows']): string[] {
  const traced = rows.filter((row) => row.parts !== undefined);
  if (traced.length === 0) return [];
  const us = (ms: number) => f(ms * 1000);
  return [
    '',
    "A call at c=1, split at the server's system calls (perf trace; medians in us, each traced call slower)",
    ...table(
      ['case', 'server', 'request -> upstream', 'upstream', 'answer -> client', 'client', 'calls'],
      traced.flatMap((row) =>
        Object.entries(row.parts!).map(([name, parts]) => [
          row.case,
          name,
          us(parts.requestMs),
          us(parts.upstreamMs),
          us(parts.answerMs),
          us(parts.clientMs),
          String(parts.calls),
        ]),
      ),
    ),
    ...headroomTable(rows),
  ];
}

function headroomTable(rows: BenchResults['peers']['rows']): string[] {
  const found = headroom(rows);
  if (found.length === 0) return [];
  return [
    '',
    "What 1.5x the peer's calls/s asks of a call at c=1 (us per call, untraced; own parts traced)",
    ...table(
      [
        'case',
        'this server',
        'the peer',
        '1.5x asks for',
        'to cut',
        'own parts: this / bare proxy',
      ],
      found.map((h) => [
        h.case,
        f(h.ourUs),
        f(h.peerUs),
        f(h.aimUs),
        h.cutUs > 0 ? f(h.cutUs) : 'met',
        `${f(h.ownUs)} / ${h.bareOwnUs === undefined ? 'n/a' : f(h.bareOwnUs)}`,
      ]),
    ),
  ];
}

export function renderReport(results: BenchResults, targets: readonly TargetCheck[]): string {
  const { machine, overhead, toolsList, memory, coldStart, codegen, responseCost } = results;
  const out: string[] = [
    `Machine: ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, ${machine.platform}, load average ${machine.loadAverage} at start`,
    `Server: ${results.runtime}; tokenizer ${results.tokenizer}; ${results.quick ? 'QUICK smoke run (figures not representative)' : 'full run'} in ${f(results.durationSeconds)} s`,
    '',
    '1. tools/call overhead (same upstream request, direct vs through MCP)',
    ...table(
      [
        'mode',
        'tool',
        'conc.',
        'direct rps',
        'MCP rps',
        'MCP/direct',
        'direct p50/p99 ms',
        'MCP p50/p99 ms',
        'added p50 ms',
        'CPU per call: direct (sandbox) | MCP (server + sandbox)',
      ],
      overhead.rows.map((row) => [
        row.mode,
        row.tool,
        String(row.connections),
        f(row.direct.rps),
        f(row.mcp.rps),
        `${f(row.rpsRatio * 100)}%`,
        `${f(row.direct.p50Ms, 2)} / ${f(row.direct.p99Ms, 2)}`,
        `${f(row.mcp.p50Ms, 2)} / ${f(row.mcp.p99Ms, 2)}`,
        f(row.addedP50Ms, 2),
        `${f(row.directSandboxCpuUs)} us | ${f(row.mcpServerCpuUs)} + ${f(row.mcpSandboxCpuUs)} us`,
      ]),
    ),
    `   upstream requests: ${Object.entries(overhead.upstream)
      .map(([tool, request]) => `${tool} -> ${request}`)
      .join('; ')}`,
    '',
    '2. tools/list (stateless, concurrency 32)',
    ...table(
      [
        'tools',
        'rps',
        'p50/p99 ms',
        'response bytes',
        'tokens',
        'tokens/tool',
        'heaviest tools (tokens)',
      ],
      [
        [
          String(toolsList.tools),
          f(toolsList.load.rps),
          `${f(toolsList.load.p50Ms, 2)} / ${f(toolsList.load.p99Ms, 2)}`,
          f(toolsList.responseBytes),
          f(toolsList.tokens),
          f(toolsList.tokensPerTool, 1),
          toolsList.perTool
            .slice(0, 3)
            .map((tool) => `${tool.name} ${tool.tokens}`)
            .join(', '),
        ],
      ],
    ),
    `   tokens by field, all tools: ${Object.entries(toolsList.byField)
      .sort((a, b) => b[1] - a[1])
      .map(([field, tokens]) => `${field} ${f(tokens)}`)
      .join(', ')}`,
    '',
    '3. Memory (read in the server after a full GC)',
    ...table(
      ['measure', 'figure'],
      [
        [
          `stateful, ${memory.sessions.sessions} idle SDK-client sessions: RSS per 1,000`,
          `${f(memory.sessions.rssMiBPer1000, 1)} MiB (${f(memory.sessions.rssKiBPerSession, 1)} KiB/session)`,
        ],
        [
          'stateful: JS heap per 1,000 sessions',
          `${f(memory.sessions.heapMiBPer1000, 1)} MiB (${f(memory.sessions.heapKiBPerSession, 1)} KiB/session)`,
        ],
        [
          `the same sessions after ${memory.sessions.idleSeconds} s idle: RSS, heap per session`,
          `${f(memory.sessions.idleRssKiBPerSession, 1)} KiB, ${f(memory.sessions.idleHeapKiBPerSession, 1)} KiB`,
        ],
        [
          `stateless RSS after ${f(memory.leak.callsFirst)} / ${f(memory.leak.callsSecond)} calls`,
          `${f(memory.leak.rssMiBFirst, 1)} / ${f(memory.leak.rssMiBSecond, 1)} MiB (settled in ${f(memory.leak.settleSecondsFirst, 1)} / ${f(memory.leak.settleSecondsSecond, 1)} s)`,
        ],
        [
          `the SDK floor's RSS after ${f(memory.leakFloor.callsFirst)} / ${f(memory.leakFloor.callsSecond)} calls (the control)`,
          `${f(memory.leakFloor.rssMiBFirst, 1)} / ${f(memory.leakFloor.rssMiBSecond, 1)} MiB, heap ${f(memory.leakFloor.heapMiBFirst, 1)} / ${f(memory.leakFloor.heapMiBSecond, 1)} MiB`,
        ],
        [
          `stateless heap after ${f(memory.leak.callsFirst)} / ${f(memory.leak.callsSecond)} calls`,
          `${f(memory.leak.heapMiBFirst, 1)} / ${f(memory.leak.heapMiBSecond, 1)} MiB (${f(memory.leak.heapKiBPer1000Calls, 1)} KiB per 1,000 calls)`,
        ],
      ],
    ),
    '',
    '4-5. Cold start and codegen',
    ...table(
      ['measure', 'figure'],
      [
        [
          `cold start to first tools/list (${coldStart.runs} runs)`,
          `median ${f(coldStart.medianMs)} ms (min ${f(coldStart.minMs)}, max ${f(coldStart.maxMs)}); of which to /readyz ${f(coldStart.readyMedianMs)} ms; node -e 0: ${f(coldStart.nodeFloorMs)} ms`,
        ],
        [
          'the same without the code cache (interleaved)',
          `median ${f(coldStart.uncachedMedianMs)} ms; to /readyz ${f(coldStart.uncachedReadyMedianMs)} ms; the first start after the build (the build's cache): ${f(coldStart.firstStartMs)} ms`,
        ],
        [
          'npm run gen',
          `${f(codegen.wallSeconds, 1)} s wall${codegen.reportedSeconds === undefined ? '' : ` (generator ${f(codegen.reportedSeconds, 1)} s, ${codegen.files} files)`}`,
        ],
      ],
    ),
    '',
    '6. Response cost (text content a model reads, limit 100)',
    ...table(
      [
        'tool',
        'items',
        'tokens (JSON before, compact now)',
        'tokens/item (before, now)',
        'upstream body tokens',
        'JSON-RPC bytes / text bytes',
      ],
      responseCost.map((cost) => [
        cost.tool,
        String(cost.items),
        `${f(cost.jsonTokens)}, ${f(cost.tokens)}`,
        `${f(cost.jsonTokensPerItem, 1)}, ${f(cost.tokensPerItem, 1)}`,
        f(cost.upstreamTokens),
        `${f(cost.responseBytes)} / ${f(cost.textBytes)} (${f(cost.wireRatio, 2)}x)`,
      ]),
    ),
    '',
    `7. Side by side on the same sandbox, driven by the same SDK clients (${results.peers.rounds} interleaved rounds)`,
    ...table(
      [
        'case',
        'conc.',
        'jumpcloud-mcp calls/s; CPU us/call',
        'openapi-mcp-server',
        'SDK floor',
        'client ceiling calls/s',
        'bare proxy calls/s',
        'direct upstream calls/s',
        'vs peer (calls/s)',
        'ceiling vs peer',
        'bare proxy vs peer',
        'vs floor (CPU)',
      ],
      results.peers.rows.map((row) => {
        const show = (name: keyof typeof row.servers) => {
          const c = row.servers[name];
          return c ? `${f(c.rps)}; ${f(c.cpuUs)}` : 'n/a';
        };
        return [
          row.case,
          String(row.connections),
          show('jumpcloud-mcp'),
          show('openapi-mcp-server'),
          show('sdk-floor'),
          row.servers['client-ceiling'] ? f(row.servers['client-ceiling'].rps) : 'n/a',
          row.servers['bare-proxy'] ? f(row.servers['bare-proxy'].rps) : 'n/a',
          row.direct ? f(row.direct.rps) : '',
          row.rpsVsPeer === undefined ? '' : `${f(row.rpsVsPeer, 2)}x`,
          row.ceilingVsPeer === undefined ? '' : `${f(row.ceilingVsPeer, 2)}x`,
          row.bareVsPeer === undefined ? '' : `${f(row.bareVsPeer, 2)}x`,
          row.cpuVsFloor === undefined ? '' : `${f(row.cpuVsFloor, 2)}x`,
        ];
      }),
    ),
    ...processCpuTable(results.peers.rows),
    ...partsTable(results.peers.rows),
    '',
    `Step wall times (s): ${Object.entries(results.stepSeconds)
      .map(([name, seconds]) => `${name} ${seconds}`)
      .join('; ')}`,
    '',
    'Targets',
    ...table(
      ['target', 'aim', 'measured', 'met'],
      targets.map((t) => [t.name, t.target, t.value, t.met ? 'yes' : 'NO']),
    ),
  ];
  return out.join('\n');
}
