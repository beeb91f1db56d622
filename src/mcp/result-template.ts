/**
 * A changing tool's result sentence, from its manifest `result:` template: `{args.id}` and
 * `{data.username}` (dotted paths into the arguments and the upstream answer) are filled in, and a
 * `[...]` part is left out when a value in it is unknown, so the sentence never shows a gap.
 */

function valueAt(root: unknown, path: string): string | undefined {
  let node = root;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (node === undefined || node === null || node === '') return undefined;
  return typeof node === 'object' ? JSON.stringify(node) : String(node);
}

function fill(text: string, values: { args: unknown; data: unknown }): string | undefined {
  let missing = false;
  const out = text.replace(
    /\{(args|data)\.([\w.]+)\}/g,
    (_all, from: 'args' | 'data', path: string) => {
      const value = valueAt(values[from], path);
      if (value === undefined) missing = true;
      return value ?? '';
    },
  );
  return missing ? undefined : out;
}

export function fillResultTemplate({
  template,
  args,
  data,
}: {
  template: string;
  args: Record<string, unknown>;
  data: unknown;
}): string {
  const values = { args, data };
  const withOptional = template.replace(
    /\[([^\]]*)\]/g,
    (_all, part: string) => fill(part, values) ?? '',
  );
  return (fill(withOptional, values) ?? withOptional.replace(/\{(args|data)\.[\w.]+\}/g, '?'))
    .replace(/\s+([.,;])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
