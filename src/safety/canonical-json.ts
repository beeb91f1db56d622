/**
 * Canonical JSON for binding a confirmation to exact arguments: object keys sorted at every level,
 * no whitespace, undefined members dropped (as JSON.stringify does). Two argument objects that a
 * handler cannot tell apart give the same text.
 */
import { createHash } from 'node:crypto';

function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map((item) => (item === undefined ? null : canonicalValue(item)));
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    // A null prototype keeps a `__proto__` key an ordinary member.
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(source).sort()) {
      if (source[key] !== undefined) sorted[key] = canonicalValue(source[key]);
    }
    return sorted;
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value)) ?? 'null';
}

/** SHA-256 of the canonical JSON, base64url. */
export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}
