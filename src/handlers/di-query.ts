/**
 * Pure parts of di_events_get: reading times ("7d", "24h", RFC 3339), normalizing services, and
 * building the Directory Insights `POST /events` body and its `search_term` clauses.
 */
import { DI_SERVICES } from '../jumpcloud/di-services.js';
import type { DiService } from '../jumpcloud/di-services.js';
import { ToolError } from '../upstream/errors.js';

/** Other spellings people use, mapped to what the API accepts. */
const SERVICE_ALIASES: Record<string, DiService> = {
  alert: 'alerts',
  system: 'systems',
  saml: 'sso',
  notification: 'notifications',
  report: 'reports',
  workflow: 'workflows',
  saas: 'saas_app_management',
};

export const DI_LIMIT_DEFAULT = 50;
export const DI_LIMIT_MAX = 10_000;
/** Directory Insights keeps events for 90 days. */
export const DI_RETENTION_DAYS = 90;

export function normalizeServices(services: readonly string[]): DiService[] {
  if (services.length === 0) {
    throw new ToolError(
      `service is empty. Give at least one of: ${DI_SERVICES.join(', ')} ("all" for every service).`,
    );
  }
  const out: DiService[] = [];
  for (const raw of services) {
    const name = raw
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    const service = (DI_SERVICES as readonly string[]).includes(name)
      ? (name as DiService)
      : SERVICE_ALIASES[name];
    if (service === undefined) {
      throw new ToolError(
        `service "${raw}" is not a Directory Insights service. Use one of: ${DI_SERVICES.join(', ')}.`,
      );
    }
    if (!out.includes(service)) out.push(service);
  }
  // "all" already covers every other service.
  return out.includes('all') ? ['all'] : out;
}

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const UNIT_WORDS: Record<string, string> = {
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  wk: 'w',
  wks: 'w',
  week: 'w',
  weeks: 'w',
};

const RELATIVE = /^(\d{1,6})\s*([a-z]+)(?:\s+ago)?$/i;
/** RFC 3339 date-time (with a zone), or a bare date, read as midnight UTC. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** UTC RFC 3339 without milliseconds, as the Directory Insights documentation writes times. */
export function toRfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Reads a time argument: a relative span before `now` ("7d", "24h", "30m", "2w", "90 days ago"),
 * "now", an RFC 3339 date-time, or a date. Returns it as a UTC RFC 3339 string.
 */
export function parseTime({
  value,
  name,
  now,
}: {
  value: string;
  name: string;
  now: Date;
}): string {
  const text = value.trim();
  if (text.toLowerCase() === 'now') return toRfc3339(now);
  const rel = RELATIVE.exec(text);
  if (rel) {
    const unit = UNIT_WORDS[(rel[2] as string).toLowerCase()];
    if (unit !== undefined)
      return toRfc3339(new Date(now.getTime() - Number(rel[1]) * (UNIT_MS[unit] as number)));
  }
  if (RFC3339.test(text) || DATE_ONLY.test(text)) {
    const date = new Date(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text.replace(' ', 'T'));
    if (!Number.isNaN(date.getTime())) return toRfc3339(date);
  }
  throw new ToolError(
    `${name} "${value}" is not a time. Use a span before now such as "7d", "24h", "30m" or "2w", ` +
      `or an RFC 3339 time such as "2026-01-31T14:00:00Z".`,
  );
}

export interface TimeRange {
  start_time: string;
  end_time?: string;
  /** Said when part of the range lies beyond what Directory Insights keeps. */
  note?: string;
}

export function parseTimeRange({
  start,
  end,
  now,
}: {
  start: string;
  end?: string;
  now: Date;
}): TimeRange {
  const start_time = parseTime({ value: start, name: 'start_time', now });
  const end_time = end === undefined ? undefined : parseTime({ value: end, name: 'end_time', now });
  if (Date.parse(start_time) > now.getTime()) {
    throw new ToolError(
      `start_time ${start_time} is in the future. Give a past time, e.g. "7d" for the last 7 days.`,
    );
  }
  if (end_time !== undefined && Date.parse(end_time) <= Date.parse(start_time)) {
    throw new ToolError(
      `end_time ${end_time} is not after start_time ${start_time}. Swap them or widen the range.`,
    );
  }
  const range: TimeRange = end_time === undefined ? { start_time } : { start_time, end_time };
  const oldest = now.getTime() - DI_RETENTION_DAYS * UNIT_MS.d!;
  if (Date.parse(start_time) < oldest) {
    range.note = `Directory Insights keeps events for ${DI_RETENTION_DAYS} days; nothing older than ${toRfc3339(new Date(oldest))} exists.`;
  }
  return range;
}

/** One `search_term` clause: a field and the value (or any of the values) it must have. */
export type TermClause = Record<string, string | string[] | TermGroup>;
export type TermGroup = { and: TermClause[] } | { or: TermClause[] };

/** Splits "a, b" into ["a", "b"]; one value stays a string. Values are stored lowercase by DI. */
function termValue(raw: string, lower: boolean): string | string[] {
  const parts = raw
    .split(',')
    .map((p) => (lower ? p.trim().toLowerCase() : p.trim()))
    .filter((p) => p.length > 0);
  return parts.length === 1 ? (parts[0] as string) : parts;
}

/**
 * `event_type` and `initiator_id` as a `search_term` (`{"and": [{"event_type": ...},
 * {"initiated_by.id": ...}]}`), or undefined when neither was given. Comma-separated values match
 * any of them.
 */
export function buildSearchTerm({
  eventType,
  initiatorId,
}: {
  eventType?: string;
  initiatorId?: string;
}): TermGroup | undefined {
  const and: TermClause[] = [];
  if (eventType !== undefined && eventType.trim().length > 0)
    and.push({ event_type: termValue(eventType, true) });
  if (initiatorId !== undefined && initiatorId.trim().length > 0)
    and.push({ 'initiated_by.id': termValue(initiatorId, true) });
  return and.length > 0 ? { and } : undefined;
}

export interface DiEventsArgs {
  service: string[];
  start_time: string;
  end_time?: string;
  limit?: number;
  event_type?: string;
  initiator_id?: string;
  query?: string;
  exact_match?: boolean;
  search_after?: unknown[];
}

export interface DiEventsBody {
  service: DiService[];
  start_time: string;
  end_time?: string;
  limit: number;
  sort: 'DESC';
  search_term?: TermGroup;
  q?: string;
  exact_match?: string;
  search_after?: (number | string)[];
}

/** Builds the `POST /events` body; newest events first. Throws ToolError on input the schema lets through. */
export function buildEventsBody(
  args: DiEventsArgs,
  now: Date,
): { body: DiEventsBody; note?: string } {
  const limit = args.limit ?? DI_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > DI_LIMIT_MAX) {
    throw new ToolError(
      `limit ${limit} is out of range. Use a whole number from 1 to ${DI_LIMIT_MAX}.`,
    );
  }
  const range = parseTimeRange({ start: args.start_time, end: args.end_time, now });
  const body: DiEventsBody = {
    service: normalizeServices(args.service),
    start_time: range.start_time,
    limit,
    sort: 'DESC',
  };
  if (range.end_time !== undefined) body.end_time = range.end_time;
  const searchTerm = buildSearchTerm({
    eventType: args.event_type,
    initiatorId: args.initiator_id,
  });
  if (searchTerm !== undefined) body.search_term = searchTerm;
  const query = args.query?.trim();
  if (args.exact_match === true && (query === undefined || query.length === 0)) {
    throw new ToolError(
      'exact_match needs query: give the exact text to match in query, or drop exact_match.',
    );
  }
  if (query !== undefined && query.length > 0) {
    if (args.exact_match === true) body.exact_match = query;
    else body.q = query;
  }
  if (args.search_after !== undefined) {
    if (args.search_after.length === 0) {
      throw new ToolError(
        'search_after is empty. Pass the next_search_after value of the previous result, or leave it out.',
      );
    }
    const cursor = args.search_after.filter(
      (v): v is number | string => typeof v === 'number' || typeof v === 'string',
    );
    if (cursor.length !== args.search_after.length) {
      throw new ToolError(
        'search_after holds numbers and strings only. Pass the next_search_after value of the previous result unchanged.',
      );
    }
    body.search_after = cursor;
  }
  return range.note === undefined ? { body } : { body, note: range.note };
}

/** Reads the `X-Search_after` header (a JSON array); undefined when absent or not an array. */
export function parseSearchAfter(header: string | null): (number | string)[] | undefined {
  if (header === null || header.trim().length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(header);
    return Array.isArray(value) &&
      value.length > 0 &&
      value.every((v) => typeof v === 'number' || typeof v === 'string')
      ? (value as (number | string)[])
      : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a numeric response header such as `X-Result-Count`; undefined when absent or malformed. */
export function parseCountHeader(header: string | null): number | undefined {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Number(header.trim());
}

/** Event fields that carry no information for a reader (`@version`), nulls and empty strings are dropped. */
export function compactEvent(event: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (value === null || value === undefined || value === '' || key === '@version') continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      const inner = compactEvent(value as Record<string, unknown>);
      if (Object.keys(inner).length > 0) out[key] = inner;
      continue;
    }
    out[key] = value;
  }
  return out;
}
