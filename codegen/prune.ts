/**
 * Prunes a spec to the operations the manifest selects and the components they reference, without
 * prose, examples, extensions, header parameters or error responses: the input openapi-typescript
 * turns into the typed client's `paths`.
 */
import { byCodePoint } from './compare.js';
import type { OperationRef } from './operation-object.js';
import {
  isObject,
  pointer,
  resolveRef,
  type JsonObject,
  type OpenApiDoc,
} from './openapi-types.js';

const DROPPED_KEYWORDS = new Set([
  'description',
  'summary',
  'example',
  'examples',
  'externalDocs',
  'title',
  'tags',
  'security',
  'deprecated',
]);
/** Keywords whose value is a map of names to schemas (the names are data, not keywords). */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
]);
/** Keywords whose value is data, left as it is. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'required']);

export function pruneSpec({
  doc,
  operations,
}: {
  doc: OpenApiDoc;
  operations: OperationRef[];
}): OpenApiDoc {
  const paths: Record<string, JsonObject> = {};
  const sorted = [...operations].sort((a, b) =>
    byCodePoint(`${a.path} ${a.method}`, `${b.path} ${b.method}`),
  );
  for (const ref of sorted) {
    const item = doc.paths[ref.path] as JsonObject;
    const op = item[ref.method] as JsonObject;
    const parameters = [...asArray(item.parameters), ...asArray(op.parameters)]
      .map((p) => resolveRef(doc, p) as JsonObject)
      .filter((p) => p.in === 'path' || p.in === 'query');
    const unique = new Map(parameters.map((p) => [`${String(p.in)}.${String(p.name)}`, p]));
    const pruned: JsonObject = { operationId: op.operationId };
    if (unique.size > 0) pruned.parameters = [...unique.values()].map((p) => clean(p));
    if (op.requestBody) pruned.requestBody = clean(resolveRef(doc, op.requestBody));
    pruned.responses = successResponses(doc, op);
    paths[ref.path] = { ...(paths[ref.path] ?? {}), [ref.method]: pruned };
  }
  const components: Record<string, Record<string, unknown>> = {};
  const pending = collectRefs(paths);
  const seen = new Set<string>();
  while (pending.length > 0) {
    const ref = pending.pop()!;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, , group, ...rest] = ref.split('/');
    const key = rest.join('/');
    const node = clean(pointer(doc, ref));
    (components[group!] ??= {})[key] = node;
    pending.push(...collectRefs(node));
  }
  const sortedComponents = Object.fromEntries(
    Object.keys(components)
      .sort()
      .map((group) => [
        group,
        Object.fromEntries(
          Object.entries(components[group]!).sort(([a], [b]) => byCodePoint(a, b)),
        ),
      ]),
  );
  return {
    openapi: '3.1.0',
    info: { title: String(doc.info?.title ?? ''), version: String(doc.info?.version ?? '') },
    paths,
    components: sortedComponents,
  };
}

function successResponses(doc: OpenApiDoc, op: JsonObject): JsonObject {
  const responses = isObject(op.responses) ? op.responses : {};
  const out: JsonObject = {};
  for (const code of Object.keys(responses).sort()) {
    if (!/^2\d\d$/.test(code)) continue;
    const response = resolveRef(doc, responses[code]) as JsonObject;
    const content = isObject(response.content) ? response.content : undefined;
    const json = content?.['application/json'] ?? content?.['text/plain'];
    out[code] = isObject(json)
      ? {
          description: '',
          content: {
            [content?.['application/json'] ? 'application/json' : 'text/plain']: {
              schema: clean(json.schema ?? {}),
            },
          },
        }
      : { description: '' };
  }
  return out;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A copy without prose, examples and extensions. */
export function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    if (DATA_KEYWORDS.has(key)) out[key] = value;
    else if (NAME_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
    } else out[key] = clean(value);
  }
  return out;
}

function collectRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, found));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else if (!DATA_KEYWORDS.has(key)) collectRefs(value, found);
    }
  }
  return found;
}
