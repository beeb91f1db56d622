/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof): self time per function, and inclusive time per
 * owner (a package under node_modules, a file of ours, node internals, GC), as shares of the busy
 * (non-idle) samples. Frames of the bundled build are first traced back through its source maps to
 * the package or source file they came from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import type { SourceMapPayload } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

export interface Share {
  name: string;
  /** Percent of busy samples. */
  percent: number;
}

export interface ProfileSummary {
  busySamples: number;
  idlePercent: number;
  topSelf: Share[];
  /** Time spent in (or below) each package's or project file's code. */
  inclusiveByOwner: Share[];
  /** Time spent in (or below) each function of a package or of the project. */
  topInclusive: Share[];
  selfByOwner: Share[];
}

/**
 * The profile with each frame of a file that has a source map (`<file>.map`, as the build writes
 * them) pointing at its original file and line instead.
 */
export function resolveSourceMaps(profile: CpuProfile): CpuProfile {
  const maps = new Map<string, { map: SourceMap; dir: string } | undefined>();
  const mapOf = (url: string) => {
    if (!maps.has(url)) {
      let entry: { map: SourceMap; dir: string } | undefined;
      if (url.startsWith('file://')) {
        const file = fileURLToPath(url);
        if (existsSync(`${file}.map`)) {
          const payload = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload;
          entry = { map: new SourceMap(payload), dir: dirname(file) };
        }
      }
      maps.set(url, entry);
    }
    return maps.get(url);
  };
  const nodes = profile.nodes.map((node) => {
    const frame = node.callFrame;
    const found = frame.url ? mapOf(frame.url) : undefined;
    if (!found) return node;
    const entry = found.map.findEntry(frame.lineNumber, frame.columnNumber ?? 0) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (!entry.originalSource) return node;
    const source = entry.originalSource.startsWith('file://')
      ? entry.originalSource
      : pathToFileURL(resolve(found.dir, entry.originalSource)).href;
    return {
      ...node,
      callFrame: { ...frame, url: source, lineNumber: entry.originalLine ?? frame.lineNumber },
    };
  });
  return { ...profile, nodes };
}

/** Who owns a frame: `pkg:<name>` for node_modules, `ours:<path>` for the project, or a V8 bucket. */
export function ownerOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : 'native';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return `pkg:${pkg[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/(src|generated|dist\/src|dist\/generated)\/(.+)$/.exec(url);
  if (ours) return `ours:${ours[1]!.replace(/^dist\//, '')}/${ours[2]!.replace(/\.js$/, '.ts')}`;
  return url;
}

/** A frame's file: the path inside its package, or the project file. */
function fileOf(frame: CallFrame): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+\/.+)$/.exec(frame.url);
  return inPackage ? `pkg:${inPackage[1]}` : ownerOf(frame);
}

function frameName(frame: CallFrame): string {
  const where = frame.url ? `${fileOf(frame)}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'} ${where}`.trim();
}

function shares(map: Map<string, number>, total: number, top: number): Share[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, samples]) => ({ name, percent: (samples / total) * 100 }));
}

export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const selfOwner = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const inclusiveFn = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  const root = profile.nodes[0];
  if (!root) throw new Error('empty profile');
  // Depth-first walk keeping how many frames of each owner are on the current stack.
  const onStack = new Map<string, number>();
  const fnOnStack = new Map<string, number>();
  const stack: { node: ProfileNode; entered: boolean }[] = [{ node: root, entered: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const owner = ownerOf(top.node.callFrame);
    const fn = frameName(top.node.callFrame);
    const counted = /^(pkg|ours):/.test(owner);
    if (top.entered) {
      stack.pop();
      onStack.set(owner, (onStack.get(owner) ?? 1) - 1);
      if (counted) fnOnStack.set(fn, (fnOnStack.get(fn) ?? 1) - 1);
      continue;
    }
    top.entered = true;
    onStack.set(owner, (onStack.get(owner) ?? 0) + 1);
    if (counted) fnOnStack.set(fn, (fnOnStack.get(fn) ?? 0) + 1);
    const hits = top.node.hitCount ?? 0;
    if (hits > 0) {
      if (top.node.callFrame.functionName === '(idle)') idle += hits;
      else {
        busy += hits;
        self.set(fn, (self.get(fn) ?? 0) + hits);
        selfOwner.set(owner, (selfOwner.get(owner) ?? 0) + hits);
        for (const [name, count] of onStack)
          if (count > 0 && /^(pkg|ours):/.test(name))
            inclusive.set(name, (inclusive.get(name) ?? 0) + hits);
        for (const [name, count] of fnOnStack)
          if (count > 0) inclusiveFn.set(name, (inclusiveFn.get(name) ?? 0) + hits);
      }
    }
    for (const child of top.node.children ?? []) {
      const node = byId.get(child);
      if (node) stack.push({ node, entered: false });
    }
  }
  const total = Math.max(busy, 1);
  return {
    busySamples: busy,
    idlePercent: (idle / Math.max(busy + idle, 1)) * 100,
    topSelf: shares(self, total, top),
    inclusiveByOwner: shares(inclusive, total, top),
    topInclusive: shares(inclusiveFn, total, top * 2),
    selfByOwner: shares(selfOwner, total, top),
  };
}
