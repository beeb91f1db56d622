/**
 * Prometheus metrics (prom-client), one registry per app. Labels name tools, outcomes, operations
 * (method and path template) and statuses only: never a credential, a person or an object id.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { StoreObserver } from '../store/create-store.js';
import type { UsedTokenStore } from '../store/types.js';
import type { RateLimitObserver } from '../upstream/rate-limit.js';
import type { UpstreamObserver } from '../upstream/upstream-fetch.js';

export const METRIC_PREFIX = 'jumpcloud_mcp_';

/** One tool call as the metrics see it. */
export interface ToolCallEvent {
  tool: string;
  outcome: string;
  seconds: number;
}

export interface Metrics {
  registry: Registry;
  toolCall(event: ToolCallEvent): void;
  upstream: UpstreamObserver;
  rateLimits: RateLimitObserver;
  store: StoreObserver;
  /** Counts each claim of a confirmation token by outcome: accepted, replayed, unavailable. */
  countConfirmations(store: UsedTokenStore): UsedTokenStore;
  /** Reports the number of open MCP sessions at each scrape. */
  trackSessions(size: () => number): void;
}

export function createMetrics({
  toolNames,
  processMetrics = true,
}: {
  /** Tool names used as label values; any other name is counted as `other`. */
  toolNames: readonly string[];
  /** Node's default process metrics (CPU, memory, event loop, GC). */
  processMetrics?: boolean;
}): Metrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const known = new Set(toolNames);
  const p = METRIC_PREFIX;

  const toolCalls = new Counter({
    name: `${p}tool_calls_total`,
    help: 'Tool calls by tool and outcome.',
    labelNames: ['tool', 'outcome'],
    registers: [registry],
  });
  const toolDuration = new Histogram({
    name: `${p}tool_call_duration_seconds`,
    help: 'Duration of tool calls, upstream requests and waits included.',
    labelNames: ['tool'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const upstreamRequests = new Counter({
    name: `${p}upstream_requests_total`,
    help: 'Requests sent to JumpCloud by API, operation (method and path template) and status (HTTP status, or timeout, network, cancelled, malformed).',
    labelNames: ['api', 'operation', 'status'],
    registers: [registry],
  });
  const upstreamRetries = new Counter({
    name: `${p}upstream_retries_total`,
    help: 'Reads sent to JumpCloud again, by API, operation and reason.',
    labelNames: ['api', 'operation', 'reason'],
    registers: [registry],
  });
  const rateLimitWaits = new Histogram({
    name: `${p}rate_limit_wait_seconds`,
    help: 'Time upstream requests waited for a slot of the rate budget toward JumpCloud.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  const rateLimitRefusals = new Counter({
    name: `${p}rate_limit_refusals_total`,
    help: 'Calls refused because a rate budget was used up, by scope (upstream, tool_calls).',
    labelNames: ['scope'],
    registers: [registry],
  });
  const throttles = new Counter({
    name: `${p}upstream_throttles_total`,
    help: 'Times JumpCloud answered 429 and the credential was held back on every replica.',
    registers: [registry],
  });
  const confirmations = new Counter({
    name: `${p}confirmations_total`,
    help: 'Claims of confirmation tokens by outcome (accepted, replayed, unavailable).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const storeErrors = new Counter({
    name: `${p}store_errors_total`,
    help: 'Failed operations of the shared store, by operation (claim, cache, rate_limit, oauth, connection).',
    labelNames: ['operation'],
    registers: [registry],
  });
  const sessionSources: (() => number)[] = [];
  new Gauge({
    name: `${p}sessions`,
    help: 'Open MCP sessions (stateful mode).',
    registers: [registry],
    collect() {
      this.set(sessionSources.reduce((sum, size) => sum + size(), 0));
    },
  });
  for (const outcome of ['accepted', 'replayed', 'unavailable']) confirmations.inc({ outcome }, 0);

  const operation = (op: { method: string; path: string }) => `${op.method} ${op.path}`;

  return {
    registry,
    toolCall({ tool, outcome, seconds }) {
      const label = known.has(tool) ? tool : 'other';
      toolCalls.inc({ tool: label, outcome });
      toolDuration.observe({ tool: label }, seconds);
    },
    upstream: {
      request: ({ operation: op, status }) =>
        upstreamRequests.inc({ api: op.api, operation: operation(op), status: String(status) }),
      retry: ({ operation: op, reason }) =>
        upstreamRetries.inc({ api: op.api, operation: operation(op), reason }),
    },
    rateLimits: {
      waited: (ms) => rateLimitWaits.observe(ms / 1000),
      refused: (scope) => rateLimitRefusals.inc({ scope }),
      throttled: () => throttles.inc(),
    },
    store: { error: (op) => storeErrors.inc({ operation: op }) },
    countConfirmations: (store) => ({
      claim: async (id, ttlMs) => {
        let first: boolean;
        try {
          first = await store.claim(id, ttlMs);
        } catch (error) {
          confirmations.inc({ outcome: 'unavailable' });
          throw error;
        }
        confirmations.inc({ outcome: first ? 'accepted' : 'replayed' });
        return first;
      },
    }),
    trackSessions: (size) => void sessionSources.push(size),
  };
}
