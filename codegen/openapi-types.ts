/** The slice of OpenAPI 3.1 that codegen reads. Specs are plain parsed YAML; these types name what we use. */
export type JsonObject = Record<string, unknown>;

export interface OpenApiDoc {
  openapi: string;
  info?: JsonObject;
  servers?: { url: string; description?: string; 'x-jc-region'?: string }[];
  paths: Record<string, JsonObject>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
  description?: string;
  [key: string]: unknown;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/components/...`) until it reaches a non-reference node. */
export function resolveRef(doc: OpenApiDoc, node: unknown): unknown {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 32) throw new Error(`Reference cycle at ${String(current.$ref)}`);
    current = pointer(doc, current.$ref);
  }
  return current;
}

export function pointer(doc: OpenApiDoc, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local references are supported, got ${ref}`);
  let current: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(current) || !(key in current)) throw new Error(`Unresolvable reference ${ref}`);
    current = current[key];
  }
  return current;
}
