/** Finds the operation a manifest entry names and reads its parameters, request body and response. */
import {
  HTTP_METHODS,
  isObject,
  resolveRef,
  type HttpMethod,
  type JsonObject,
  type OpenApiDoc,
  type ParameterObject,
} from './openapi-types.js';
import type { SpecId } from './spec-lock.js';

export interface OperationRef {
  spec: SpecId;
  method: HttpMethod;
  path: string;
}

export interface ResolvedOperation extends OperationRef {
  operationId?: string;
  operation: JsonObject;
  /** Path-item and operation parameters, references resolved, headers left out (the runtime sets them). */
  parameters: ParameterObject[];
  /** The application/json request body schema, when the operation takes one. */
  bodySchema?: JsonObject;
  bodyRequired: boolean;
  /** The application/json schema of the first 2xx response, when it has one. */
  responseSchema?: JsonObject;
}

/** Parses "v1 GET /path" or "v1 operationId" against the spec set. Returns a message on failure. */
export function findOperation({
  specs,
  reference,
}: {
  specs: Record<SpecId, OpenApiDoc>;
  reference: string;
}): ResolvedOperation | string {
  const [spec, ...rest] = reference.split(' ') as [SpecId, ...string[]];
  const doc = specs[spec];
  if (!doc) return `unknown spec "${spec}" (use v1, v2 or insights)`;
  if (rest.length === 2) {
    const method = rest[0]!.toLowerCase() as HttpMethod;
    const path = rest[1]!;
    const item = doc.paths[path];
    const operation = isObject(item) ? item[method] : undefined;
    if (!HTTP_METHODS.includes(method) || !isObject(item) || !isObject(operation)) {
      const hint = isObject(item)
        ? `the path exists but has no ${rest[0]} operation (it has: ${methodsOf(item).join(', ') || 'none; describe it with an overlay in specs/overlays/'})`
        : `no such path in ${spec}${suggest(doc, path)}`;
      return `operation "${reference}" does not exist: ${hint}`;
    }
    return readOperation({ doc, ref: { spec, method, path } });
  }
  const operationId = rest[0]!;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of methodsOf(item)) {
      const op = item[method] as JsonObject;
      if (op.operationId === operationId)
        return readOperation({ doc, ref: { spec, method, path } });
    }
  }
  const renamed = renamedOperation({ doc, operationId });
  if (renamed) {
    return (
      `operationId "${operationId}" is not in ${spec}: it is now "${renamed.id}" (${renamed.method.toUpperCase()} ${renamed.path}). ` +
      `Fix: write \`operation: ${spec} ${renamed.method.toUpperCase()} ${renamed.path}\` (stable across renames)`
    );
  }
  return `operationId "${operationId}" does not exist in ${spec}. Fix: check the spell, or write "${spec} <METHOD> <path>"`;
}

function methodsOf(item: JsonObject): HttpMethod[] {
  return HTTP_METHODS.filter((m) => isObject(item[m]));
}

function suggest(doc: OpenApiDoc, path: string): string {
  const stems = path
    .split('/')
    .filter((segment) => segment && !segment.startsWith('{'))
    .map((segment) => segment.slice(0, 5));
  const depth = path.split('/').length;
  const close = Object.keys(doc.paths)
    .filter((p) => methodsOf(doc.paths[p]!).length > 0 && p.split('/').length === depth)
    .filter((p) => stems.every((stem) => p.includes(stem)))
    .slice(0, 3);
  const similar = close.length > 0 ? ` (similar: ${close.join(', ')})` : '';
  return `${similar}. Fix: use a path from the spec, or describe the operation in an overlay in specs/overlays/`;
}

/** Uses the published legacy-to-standardized operationId mapping, when the spec set carries one. */
function renamedOperation({ doc, operationId }: { doc: OpenApiDoc; operationId: string }) {
  const mapping = doc['x-legacy-operation-ids'];
  if (!isObject(mapping) || typeof mapping[operationId] !== 'string') return undefined;
  const id = mapping[operationId];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of methodsOf(item)) {
      if ((item[method] as JsonObject).operationId === id) return { id, method, path };
    }
  }
  return undefined;
}

export function readOperation({
  doc,
  ref,
}: {
  doc: OpenApiDoc;
  ref: OperationRef;
}): ResolvedOperation {
  const item = doc.paths[ref.path] as JsonObject;
  const operation = item[ref.method] as JsonObject;
  const byKey = new Map<string, ParameterObject>();
  for (const raw of [...asArray(item.parameters), ...asArray(operation.parameters)]) {
    const param = resolveRef(doc, raw) as ParameterObject;
    if (param.in === 'header' || param.in === 'cookie') continue;
    byKey.set(`${param.in}.${param.name}`, { ...param, schema: deref(doc, param.schema) });
  }
  const body = resolveRef(doc, operation.requestBody) as JsonObject | undefined;
  const bodyContent = isObject(body?.content)
    ? (body.content['application/json'] as JsonObject | undefined)
    : undefined;
  return {
    ...ref,
    operationId: typeof operation.operationId === 'string' ? operation.operationId : undefined,
    operation,
    parameters: [...byKey.values()],
    bodySchema: bodyContent ? deref(doc, bodyContent.schema) : undefined,
    bodyRequired: body?.required === true,
    responseSchema: successSchema(doc, operation),
  };
}

function successSchema(doc: OpenApiDoc, operation: JsonObject): JsonObject | undefined {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const code = Object.keys(responses)
    .filter((c) => /^2\d\d$/.test(c))
    .sort()[0];
  if (!code) return undefined;
  const response = resolveRef(doc, responses[code]) as JsonObject;
  const content = isObject(response.content) ? response.content['application/json'] : undefined;
  return isObject(content) ? deref(doc, content.schema) : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Resolves the top-level reference of a schema and merges a plain `allOf` of object schemas. */
export function deref(doc: OpenApiDoc, schema: unknown): JsonObject | undefined {
  const node = resolveRef(doc, schema);
  if (!isObject(node)) return undefined;
  if (Array.isArray(node.allOf) && !node.properties) {
    const parts = node.allOf.map((part) => deref(doc, part)).filter(isObject);
    const properties = Object.assign(
      {},
      ...parts.map((p) => (isObject(p.properties) ? p.properties : {})),
    );
    const required = parts.flatMap((p) =>
      Array.isArray(p.required) ? (p.required as string[]) : [],
    );
    return { type: 'object', properties, required };
  }
  return node;
}

/** The schema at a dotted property path inside an object schema (`searchFilter.searchTerm`). */
export function propertyAt({
  doc,
  schema,
  path,
}: {
  doc: OpenApiDoc;
  schema?: JsonObject;
  path: string[];
}) {
  let current: JsonObject | undefined = schema;
  for (const key of path) {
    const props: unknown = current?.properties;
    current = isObject(props) ? deref(doc, props[key]) : undefined;
  }
  return current;
}
