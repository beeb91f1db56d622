/** Fault injection: per-route latency, 429 with Retry-After, 5xx, dropped connections, malformed JSON. */

export interface FaultRule {
  /** HTTP method to match; any when omitted. */
  method?: string;
  /** Path to match: exact, a glob with `*` (e.g. `/api/systemusers/*`), or a RegExp. */
  path: string | RegExp;
  /** Delay before answering (ms). */
  latencyMs?: number;
  /** Answer with this status instead (429, 500, 502, 503, ...). */
  status?: number;
  /** Seconds sent in Retry-After (429 defaults to 1). */
  retryAfter?: number;
  /** Body sent with `status`; a JumpCloud-style error body by default. */
  body?: unknown;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Answer 200 with a truncated JSON body. */
  malformed?: boolean;
  /** Apply this many times, then remove the rule; forever when omitted. */
  times?: number;
}

export interface ActiveFault extends FaultRule {
  id: string;
  /** How many requests this rule has hit. */
  hits: number;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function validate(rule: FaultRule): void {
  if (typeof rule.path !== 'string' && !(rule.path instanceof RegExp))
    throw new TypeError('fault rule needs a path (string glob or RegExp)');
  if (
    rule.status !== undefined &&
    (!Number.isInteger(rule.status) || rule.status < 400 || rule.status > 599)
  ) {
    throw new TypeError('fault status must be an integer from 400 to 599');
  }
  for (const key of ['latencyMs', 'retryAfter', 'times'] as const) {
    const value = rule[key];
    if (value !== undefined && (!Number.isFinite(value) || value < 0))
      throw new TypeError(`fault ${key} must be a non-negative number`);
  }
  if (!rule.status && !rule.drop && !rule.malformed && !rule.latencyMs)
    throw new TypeError('fault rule does nothing: set latencyMs, status, drop or malformed');
}

export class FaultRegistry {
  private rules: { rule: ActiveFault; pattern: RegExp }[] = [];
  private nextId = 1;

  /** Adds a rule; returns its id. Later rules win over earlier ones on the same request. */
  set(rule: FaultRule): string {
    validate(rule);
    const id = `fault-${this.nextId++}`;
    const pattern = typeof rule.path === 'string' ? globToRegExp(rule.path) : rule.path;
    this.rules.push({
      rule: { ...rule, method: rule.method?.toUpperCase(), id, hits: 0 },
      pattern,
    });
    return id;
  }

  /** Removes one rule by id, or every rule. */
  clear(id?: string): void {
    this.rules = id ? this.rules.filter((r) => r.rule.id !== id) : [];
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r.rule }));
  }

  /** The rule that applies to this request, counting the hit. */
  take(method: string, path: string): ActiveFault | undefined {
    for (let i = this.rules.length - 1; i >= 0; i -= 1) {
      const { rule, pattern } = this.rules[i]!;
      if (rule.method && rule.method !== method.toUpperCase()) continue;
      if (!pattern.test(path)) continue;
      rule.hits += 1;
      if (rule.times !== undefined && rule.hits >= rule.times) this.rules.splice(i, 1);
      return { ...rule };
    }
    return undefined;
  }
}
