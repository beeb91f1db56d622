/**
 * The whole benchmark as one function: builds the server, starts the standalone sandbox, runs each
 * section against fresh server processes on loopback, and returns every figure. Every child
 * process is killed when it returns or throws.
 */
import { cpus, loadavg, platform, arch } from 'node:os';
import type { LeakCheck, SessionMemory } from './sections/memory.js';
import { measureLeak, measureSessionMemory } from './sections/memory.js';
import type { OverheadResult } from './sections/overhead.js';
import { measureOverhead } from './sections/overhead.js';
import type { ToolsListResult } from './sections/tools-list.js';
import { measureToolsList } from './sections/tools-list.js';
import type { ColdStart } from './sections/cold-start.js';
import { measureColdStart } from './sections/cold-start.js';
import type { Codegen } from './sections/codegen.js';
import { measureCodegen } from './sections/codegen.js';
import type { ResponseCost } from './sections/response-cost.js';
import { measureResponseCost } from './sections/response-cost.js';
import type { PeersResult } from './sections/peers.js';
import { perfTraceWorks } from './critical-path.js';
import { measurePeers } from './sections/peers.js';
import { killAll } from './processes.js';
import { prepareRuntime } from './runtime.js';
import { startSandboxProcess } from './services.js';
import { TOKENIZER } from './tokens.js';

export interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: other work on the machine makes figures noisy. */
  loadAverage: number;
}

export interface BenchResults {
  date: string;
  quick: boolean;
  machine: Machine;
  runtime: string;
  tokenizer: string;
  durationSeconds: number;
  /** Wall seconds each step took. */
  stepSeconds: Record<string, number>;
  overhead: OverheadResult;
  toolsList: ToolsListResult;
  memory: { sessions: SessionMemory; leak: LeakCheck; leakFloor: LeakCheck };
  coldStart: ColdStart;
  codegen: Codegen;
  responseCost: ResponseCost[];
  peers: PeersResult;
}

/** How much each section does: bounded request counts and durations. */
export interface BenchPlan {
  loadSeconds: number;
  warmupSeconds: number;
  maxRequests: number;
  sessions: number;
  leakFirstCalls: number;
  leakTotalCalls: number;
  leakMaxSeconds: number;
  /** The longest each memory reading of 3b waits for RSS to settle. */
  leakSettleMaxMs: number;
  coldStartRuns: number;
  /** Side by side with the peer proxy and the SDK floor: load seconds per server and case, rounds. */
  peerSeconds: number;
  peerRounds: number;
  /** Calls per server and case before section 7 measures it. */
  peerWarmupCalls: number;
  /** How long the sessions of section 3a sit idle before their second reading. */
  sessionIdleSeconds: number;
}

export const FULL_PLAN: BenchPlan = {
  loadSeconds: 3,
  warmupSeconds: 1,
  maxRequests: 60_000,
  sessions: 1000,
  leakFirstCalls: 10_000,
  leakTotalCalls: 100_000,
  leakMaxSeconds: 140,
  leakSettleMaxMs: 20_000,
  coldStartRuns: 5,
  peerSeconds: 4,
  peerRounds: 4,
  peerWarmupCalls: 2000,
  sessionIdleSeconds: 15,
};

export const QUICK_PLAN: BenchPlan = {
  loadSeconds: 0.3,
  warmupSeconds: 0.1,
  maxRequests: 5000,
  sessions: 20,
  leakFirstCalls: 200,
  leakTotalCalls: 1000,
  leakMaxSeconds: 15,
  leakSettleMaxMs: 0,
  coldStartRuns: 1,
  peerSeconds: 0.4,
  peerRounds: 1,
  peerWarmupCalls: 20,
  sessionIdleSeconds: 1,
};

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${platform()} ${arch()}`,
    loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
  };
}

export async function runBench({
  root,
  quick,
  tsx = false,
  log,
}: {
  root: string;
  quick: boolean;
  /** Run the TypeScript sources through tsx instead of the build. */
  tsx?: boolean;
  log: (line: string) => void;
}): Promise<BenchResults> {
  const plan = quick ? QUICK_PLAN : FULL_PLAN;
  const started = performance.now();
  const machine = describeMachine();
  const stepSeconds: Record<string, number> = {};
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    log(`${name}...`);
    const t0 = performance.now();
    const value = await run();
    stepSeconds[name] = Number(((performance.now() - t0) / 1000).toFixed(1));
    return value;
  };
  try {
    const runtime = await step(tsx ? 'runtime (tsx)' : 'build (npm run build)', () =>
      prepareRuntime({ root, tsx }),
    );
    log(`Server under test: ${runtime.label}`);
    const sandbox = await startSandboxProcess(runtime);
    log(`Sandbox at ${sandbox.url}`);

    const overhead = await step('1. tools/call overhead', () =>
      measureOverhead({
        runtime,
        sandbox,
        seconds: plan.loadSeconds,
        warmupSeconds: plan.warmupSeconds,
        maxRequests: plan.maxRequests,
        log,
      }),
    );
    const toolsList = await step('2. tools/list', () =>
      measureToolsList({
        runtime,
        sandbox,
        seconds: plan.loadSeconds,
        maxRequests: plan.maxRequests,
      }),
    );
    const sessions = await step(`3a. memory of ${plan.sessions} sessions`, () =>
      measureSessionMemory({
        runtime,
        sandbox,
        sessions: plan.sessions,
        idleMs: plan.sessionIdleSeconds * 1000,
      }),
    );
    const userId = /\/systemusers\/([^/?]+)/.exec(overhead.upstream.user_get ?? '')?.[1];
    if (!userId) throw new Error('no user id recorded by the overhead section');
    const leakRun = {
      runtime,
      sandbox,
      firstCalls: plan.leakFirstCalls,
      totalCalls: plan.leakTotalCalls,
      maxSeconds: plan.leakMaxSeconds,
      settleMaxMs: plan.leakSettleMaxMs,
      userId,
    };
    const leak = await step(`3b. memory after ${plan.leakTotalCalls} stateless calls`, () =>
      measureLeak(leakRun),
    );
    const leakFloor = await step(`3c. the SDK floor after ${plan.leakTotalCalls} calls`, () =>
      measureLeak({ ...leakRun, server: 'sdk-floor', root }),
    );
    const coldStart = await step('4. cold start', () =>
      measureColdStart({ runtime, sandbox, runs: plan.coldStartRuns }),
    );
    const codegen = await step('5. codegen (npm run gen)', () => measureCodegen({ root }));
    const responseCost = await step('6. response cost', () =>
      measureResponseCost({ runtime, sandbox }),
    );
    const traceCalls = !quick && (await perfTraceWorks());
    const peers = await step('7. side by side: generic proxy and SDK floor', () =>
      measurePeers({
        root,
        runtime,
        sandbox,
        seconds: plan.peerSeconds,
        rounds: plan.peerRounds,
        warmupCalls: plan.peerWarmupCalls,
        maxRequests: plan.maxRequests,
        // A full run also splits the calls at c=1 where perf can trace (bench/critical-path.ts).
        criticalPath: traceCalls,
        log,
      }),
    );
    await sandbox.child.kill();
    return {
      date: new Date().toISOString(),
      quick,
      machine,
      runtime: runtime.label,
      tokenizer: TOKENIZER,
      durationSeconds: (performance.now() - started) / 1000,
      stepSeconds,
      overhead,
      toolsList,
      memory: { sessions, leak, leakFloor },
      coldStart,
      codegen,
      responseCost,
      peers,
    };
  } finally {
    killAll();
  }
}
