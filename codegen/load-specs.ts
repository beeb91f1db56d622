/**
 * Reads the spec set codegen works from: each spec id's document from the cache, checked against
 * the lock, narrowed to its path prefix, with its overlays applied.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openapiOverlay } from 'openapi-format';
import { parse } from 'yaml';
import type { OpenApiDoc } from './openapi-types.js';
import {
  assertLockedHash,
  SPEC_IDS,
  type SpecId,
  type SpecLock,
  type SpecView,
} from './spec-lock.js';

export const REGIONS = ['us', 'eu', 'in'] as const;
export type Region = (typeof REGIONS)[number];

export type SpecSet = Record<SpecId, OpenApiDoc>;

interface LoadOptions {
  lock: SpecLock;
  setName: string;
  cacheDir: string;
  overlayDir: string;
}

export async function loadSpecSet({
  lock,
  setName,
  cacheDir,
  overlayDir,
}: LoadOptions): Promise<SpecSet> {
  const set = lock.sets[setName];
  if (!set)
    throw new Error(
      `specs/lock.yaml has no set "${setName}" (sets: ${Object.keys(lock.sets).join(', ')}).`,
    );
  const parsed = new Map<string, OpenApiDoc>();
  const read = (name: string): OpenApiDoc => {
    const cached = parsed.get(name);
    if (cached) return cached;
    const doc = parse(readLocked(name), { maxAliasCount: -1 }) as OpenApiDoc;
    parsed.set(name, doc);
    return doc;
  };
  const readLocked = (name: string): string => {
    const file = lock.files.find((f) => f.name === name);
    if (!file) throw new Error(`specs/lock.yaml does not list ${name}.`);
    let text: string;
    try {
      text = readFileSync(join(cacheDir, name), 'utf8');
    } catch {
      throw new Error(`${name} is not in specs/.cache. Run \`npm run specs:pull\` first.`);
    }
    assertLockedHash({ file, data: text });
    return text;
  };
  const entries = await Promise.all(
    SPEC_IDS.map(async (id) => {
      const view = set[id];
      const overlays = (view.overlays ?? []).map((o) => ({
        name: o,
        text: readFileSync(join(overlayDir, o), 'utf8'),
      }));
      const doc = await buildView({ doc: read(view.file), view, overlays });
      if (view.mapping)
        doc['x-legacy-operation-ids'] = legacyIds({ text: readLocked(view.mapping), view });
      return [id, doc] as const;
    }),
  );
  return Object.fromEntries(entries) as SpecSet;
}

interface MappingFile {
  operations?: {
    base_path?: string;
    legacy_operation_id?: string;
    standardized_operation_id?: string;
  }[];
}

/** legacy operationId -> standardized operationId, for the operations under this view's base path. */
function legacyIds({ text, view }: { text: string; view: SpecView }): Record<string, string> {
  const mapping = parse(text) as MappingFile;
  const out: Record<string, string> = {};
  for (const op of mapping.operations ?? []) {
    if (!op.legacy_operation_id || !op.standardized_operation_id) continue;
    if (view.prefix && !op.base_path?.endsWith(view.prefix)) continue;
    out[op.legacy_operation_id] = op.standardized_operation_id;
  }
  return out;
}

/** Narrows a document to one spec id: paths under `prefix` (prefix stripped), servers extended by it. */
export async function buildView({
  doc,
  view,
  overlays,
}: {
  doc: OpenApiDoc;
  view: Pick<SpecView, 'prefix' | 'exclude'>;
  overlays: { name: string; text: string }[];
}): Promise<OpenApiDoc> {
  const prefix = view.prefix ?? '';
  const paths: OpenApiDoc['paths'] = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (view.exclude?.some((e) => path.startsWith(e))) continue;
    if (prefix && !(path === prefix || path.startsWith(`${prefix}/`))) continue;
    paths[path.slice(prefix.length) || '/'] = item;
  }
  const servers = (doc.servers ?? []).map((s) => ({
    ...s,
    url: `${s.url.replace(/\/$/, '')}${prefix}`,
  }));
  // A structured clone keeps overlays from touching the shared parsed document.
  let result = structuredClone({ ...doc, servers, paths }) as OpenApiDoc;
  for (const overlay of overlays) result = await applyOverlay({ doc: result, overlay });
  return result;
}

/**
 * openapi-format reports overlay problems only on console.error, which is captured while it runs;
 * overlays are applied one at a time, so that two specs' overlays never swap console.error in turn
 * and leave a capture in place.
 */
let overlayQueue: Promise<unknown> = Promise.resolve();

export function applyOverlay(input: {
  doc: OpenApiDoc;
  overlay: { name: string; text: string };
}): Promise<OpenApiDoc> {
  const run = overlayQueue.then(() => applyOverlayNow(input));
  overlayQueue = run.catch(() => undefined);
  return run;
}

async function applyOverlayNow({
  doc,
  overlay,
}: {
  doc: OpenApiDoc;
  overlay: { name: string; text: string };
}): Promise<OpenApiDoc> {
  const overlaySet = parse(overlay.text) as unknown;
  const errors: unknown[] = [];
  const originalError = console.error;
  console.error = (...args: unknown[]) => errors.push(args.join(' '));
  try {
    const { data, resultData } = await openapiOverlay(doc, { overlaySet });
    if (errors.length > 0) throw new Error(`${overlay.name}: ${errors.join('; ')}`);
    const unused = (resultData.unusedActions ?? []) as { target?: string }[];
    if (unused.length > 0) {
      const targets = unused.map((a) => a.target).join(', ');
      throw new Error(
        `${overlay.name}: these actions matched nothing in the spec (did JumpCloud change it?): ${targets}. ` +
          'Update the targets or remove the actions.',
      );
    }
    return data as OpenApiDoc;
  } finally {
    console.error = originalError;
  }
}

/** The server URL of each region, read from `servers` and their `x-jc-region` marks. */
export function regionServers({
  id,
  doc,
}: {
  id: string;
  doc: OpenApiDoc;
}): Record<Region, string> {
  const out: Partial<Record<Region, string>> = {};
  for (const server of doc.servers ?? []) {
    const region = server['x-jc-region'];
    if (region && (REGIONS as readonly string[]).includes(region))
      out[region as Region] = server.url;
  }
  const missing = REGIONS.filter((r) => !out[r]);
  if (missing.length > 0) {
    throw new Error(
      `Spec ${id} has no server marked x-jc-region: ${missing.join(', ')}. Add one with an overlay.`,
    );
  }
  return out as Record<Region, string>;
}
