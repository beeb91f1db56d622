/**
 * Argument shapes that clients written for JumpCloud's own MCP server send, read the way that
 * server reads them: one string where an array is taken, `""` (or null) for an optional argument
 * meaning "not set", `"true"`/`"false"` for booleans and numeric strings for numbers. Generated
 * validators run this before their strict schema; the listed input schema does not change.
 */

/** Per argument: its JSON Schema type and whether it is required. */
export type ArgShapes = Record<string, { type: string; required?: boolean }>;

function coerce(value: unknown, type: string): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (type === 'array') return [value];
  if (type === 'boolean') {
    if (/^true$/i.test(text)) return true;
    if (/^false$/i.test(text)) return false;
  }
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text))
    return Number(text);
  return value;
}

/** A zod preprocess step for one tool's arguments. */
export function tolerantArgs(shapes: ArgShapes): (raw: unknown) => unknown {
  return (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(raw)) {
      const shape = shapes[name];
      if (!shape) {
        out[name] = value;
        continue;
      }
      if (!shape.required && (value === null || value === '')) continue;
      out[name] = coerce(value, shape.type);
    }
    return out;
  };
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** The known argument an unknown one most likely meant (`search` -> `searchTerm`), if any. */
export function suggestArgument(unknown: string, known: readonly string[]): string | undefined {
  const needle = unknown.toLowerCase().replace(/[_-]/g, '');
  const flat = (name: string) => name.toLowerCase().replace(/[_-]/g, '');
  const exact = known.find((name) => flat(name) === needle);
  if (exact) return exact;
  const containing = known.filter(
    (name) => needle.length >= 3 && (flat(name).includes(needle) || needle.includes(flat(name))),
  );
  if (containing.length > 0)
    return containing.sort(
      (a, b) => Math.abs(a.length - unknown.length) - Math.abs(b.length - unknown.length),
    )[0];
  const scored = known
    .map((name) => [name, distance(needle, flat(name))] as const)
    .filter(([name, d]) => d <= Math.max(1, Math.floor(Math.min(name.length, needle.length) / 3)))
    .sort((a, b) => a[1] - b[1]);
  return scored[0]?.[0];
}
