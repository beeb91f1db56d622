/**
 * The organization's own values that search_api matches a question's words against: departments,
 * job titles and employee types (read from the users), user and device group names, application
 * names. Fetched at most once per call, only when the question has words the grammar did not read,
 * in a bounded number of upstream requests, and cached briefly per caller and organization.
 */
import { LRUCache } from 'lru-cache';
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { CLOCK_AT_EVERY_CHECK } from '../store/lru-bound.js';
import { v2QueryString } from '../upstream/request-helpers.js';
import { unwrap } from '../upstream/unwrap.js';

export type Category =
  'department' | 'job_title' | 'employee_type' | 'user_group' | 'device_group' | 'application';

export interface VocabEntry {
  category: Category;
  /** The value as the organization spells it. */
  value: string;
  /** Groups and applications: their id. */
  id?: string;
}

export interface Vocabulary {
  entries: VocabEntry[];
  /** False when only the first users were read for departments, titles and types. */
  complete: boolean;
  /** Normalized phrase -> entries, built once. */
  index: Map<string, VocabEntry[]>;
}

/** Users read for their departments, job titles and employee types: at most this many pages of 100. */
export const VOCAB_USER_PAGES = 5;
/** Groups of each kind read for their names: at most this many pages of 100. */
export const VOCAB_GROUP_PAGES = 2;
const PAGE = 100;
/** How long an organization's values are reused. */
export const VOCAB_TTL_MS = 60_000;

const cache = new LRUCache<string, Promise<Vocabulary>>({
  max: 500,
  ttl: VOCAB_TTL_MS,
  ...CLOCK_AT_EVERY_CHECK,
});

/** Forgets every cached vocabulary (tests that change the directory between questions). */
export function clearVocabularyCache(): void {
  cache.clear();
}

/** Lower case, curly apostrophes straight, hyphens, underscores and runs of spaces as one space. */
export function normalizePhrase(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/** The phrase with its last word singular ("contractors" -> "contractor", "ios" stays). */
function singular(normalized: string): string {
  return /[a-z]{3}s$/.test(normalized) && !normalized.endsWith('ss')
    ? normalized.slice(0, -1)
    : normalized;
}

export function buildIndex(entries: readonly VocabEntry[]): Map<string, VocabEntry[]> {
  const index = new Map<string, VocabEntry[]>();
  for (const entry of entries) {
    const key = normalizePhrase(entry.value);
    for (const k of new Set([key, singular(key)])) {
      const list = index.get(k) ?? [];
      if (!list.some((e) => e.category === entry.category && e.value === entry.value)) {
        list.push(entry);
        index.set(k, list);
      }
    }
  }
  return index;
}

/** Entries whose value is this phrase (case, hyphens and a plural aside). */
export function lookupPhrase(vocab: Vocabulary, phrase: string): VocabEntry[] {
  const key = normalizePhrase(phrase);
  const found = [...(vocab.index.get(key) ?? []), ...(vocab.index.get(singular(key)) ?? [])];
  return found.filter((e, i) => found.indexOf(e) === i);
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;

async function userValues(
  deps: ToolDeps<Upstream>,
): Promise<{ entries: VocabEntry[]; complete: boolean }> {
  const page = async (skip: number) =>
    unwrap(
      await deps.api.v1.GET('/systemusers', {
        params: { query: { limit: PAGE, skip, fields: 'department jobTitle employeeType' } },
      }),
    ) as { results?: Record<string, unknown>[]; totalCount?: number } | null;
  const first = await page(0);
  const total = typeof first?.totalCount === 'number' ? first.totalCount : 0;
  const pages = Math.min(Math.ceil(total / PAGE), VOCAB_USER_PAGES);
  const rest = await Promise.all(
    Array.from({ length: Math.max(pages - 1, 0) }, (_v, i) => page((i + 1) * PAGE)),
  );
  const values = new Map<string, VocabEntry>();
  for (const user of [first, ...rest].flatMap((p) => p?.results ?? [])) {
    for (const [field, category] of [
      ['department', 'department'],
      ['jobTitle', 'job_title'],
      ['employeeType', 'employee_type'],
    ] as const) {
      const value = str(user[field]);
      if (value !== undefined) values.set(`${category}:${value}`, { category, value });
    }
  }
  return { entries: [...values.values()], complete: total <= pages * PAGE };
}

async function groupValues(
  deps: ToolDeps<Upstream>,
  kind: 'user_group' | 'device_group',
): Promise<VocabEntry[]> {
  const path = kind === 'user_group' ? '/usergroups' : '/systemgroups';
  const entries: VocabEntry[] = [];
  for (let skip = 0; skip < VOCAB_GROUP_PAGES * PAGE; skip += PAGE) {
    const init = {
      params: { query: { limit: PAGE, skip, fields: ['id', 'name'] } },
      querySerializer: v2QueryString,
    };
    const page = (unwrap(await deps.api.v2.GET(path, init)) ?? []) as Record<string, unknown>[];
    for (const g of page) {
      const value = str(g.name);
      const id = str(g.id);
      if (value !== undefined && id !== undefined) entries.push({ category: kind, value, id });
    }
    if (page.length < PAGE) break;
  }
  return entries;
}

async function applicationValues(deps: ToolDeps<Upstream>): Promise<VocabEntry[]> {
  const data = unwrap(
    await deps.api.v1.GET('/applications', {
      params: { query: { limit: PAGE, skip: 0, fields: 'name displayName displayLabel' } },
    }),
  ) as { results?: Record<string, unknown>[] } | null;
  return (data?.results ?? []).flatMap((a) => {
    const value = str(a.displayLabel) ?? str(a.displayName) ?? str(a.name);
    const id = str(a._id) ?? str(a.id);
    return value !== undefined && id !== undefined
      ? [{ category: 'application' as const, value, id }]
      : [];
  });
}

async function fetchVocabulary(deps: ToolDeps<Upstream>): Promise<Vocabulary> {
  // Each part on its own: a caller who may not read groups still gets departments, and so on.
  const [users, userGroups, deviceGroups, apps] = await Promise.allSettled([
    userValues(deps),
    groupValues(deps, 'user_group'),
    groupValues(deps, 'device_group'),
    applicationValues(deps),
  ]);
  const ok = <T>(r: PromiseSettledResult<T>, empty: T): T =>
    r.status === 'fulfilled' ? r.value : empty;
  const userPart = ok(users, { entries: [], complete: false });
  const entries = [
    ...userPart.entries,
    ...ok(userGroups, []),
    ...ok(deviceGroups, []),
    ...ok(apps, []),
  ];
  return { entries, complete: userPart.complete, index: buildIndex(entries) };
}

/** The caller's organization's values, from the cache when read in the last minute. */
export function loadVocabulary(deps: ToolDeps<Upstream>): Promise<Vocabulary> {
  const key = `${deps.ctx.principal.fingerprint}\u0000${deps.ctx.orgId ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const loading = fetchVocabulary(deps);
  cache.set(key, loading);
  loading.catch(() => cache.delete(key));
  return loading;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Names of several words the question gives where a name belongs ("devices in All Windows",
 * "members of Linux Servers", "the Engineering Laptops group"), longest first, so the grammar
 * reads them whole instead of taking "Windows" or "Laptops" for itself.
 */
export function namesInQuestion(question: string, vocab: Vocabulary): string[] {
  const found: string[] = [];
  const values = [...new Set(vocab.entries.map((e) => e.value))]
    .filter((v) => /\s/.test(v.trim()))
    .sort((a, b) => b.length - a.length);
  let rest = question;
  for (const value of values) {
    const name = escape(value).replace(/\s+/g, String.raw`\s+`);
    const pattern = new RegExp(
      String.raw`(?:\b(?:in|of|to|named|called|groups?)\s+(?:the\s+)?(${name})(?![\w])|(?<![\w])(${name})\s+(?:user\s+|device\s+)?(?:groups?|apps?|applications?|department)\b)`,
      'i',
    );
    const m = pattern.exec(rest);
    const hit = m?.[1] ?? m?.[2];
    if (!m || hit === undefined) continue;
    found.push(hit);
    rest = rest.replace(hit, ' '.repeat(hit.length));
  }
  return found;
}
