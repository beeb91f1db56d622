/**
 * Compares two V8 heap snapshots (.heapsnapshot) by what the objects are: the constructor name of
 * objects, the function name of closures, one bucket for strings and one per internal type.
 */
import { readFileSync } from 'node:fs';

interface HeapSnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface HeapGroup {
  name: string;
  count: number;
  bytes: number;
}

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);
const NAMED_TYPES = new Set(['object', 'closure', 'native']);

/** Self size and count per kind of object in one snapshot. */
export function groupHeapSnapshot(path: string): Map<string, HeapGroup> {
  const file = JSON.parse(readFileSync(path, 'utf8')) as HeapSnapshotFile;
  const fields = file.snapshot.meta.node_fields;
  const types = file.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, HeapGroup>();
  for (let i = 0; i < file.nodes.length; i += width) {
    const type = types[file.nodes[i + typeAt]!] ?? 'unknown';
    let name: string;
    if (STRING_TYPES.has(type)) name = '(strings)';
    else if (NAMED_TYPES.has(type)) {
      const raw = file.strings[file.nodes[i + nameAt]!] ?? '';
      name = `${type === 'closure' ? 'closure ' : ''}${raw.split(' ')[0] || '(anonymous)'}`;
    } else name = `(${type})`;
    const group = groups.get(name) ?? { name, count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += file.nodes[i + sizeAt]!;
    groups.set(name, group);
  }
  return groups;
}

/** What grew from `before` to `after`, largest first. */
export function diffHeapGroups(
  before: Map<string, HeapGroup>,
  after: Map<string, HeapGroup>,
): HeapGroup[] {
  const diff: HeapGroup[] = [];
  for (const [name, group] of after) {
    const old = before.get(name);
    diff.push({
      name,
      count: group.count - (old?.count ?? 0),
      bytes: group.bytes - (old?.bytes ?? 0),
    });
  }
  return diff.sort((a, b) => b.bytes - a.bytes);
}
