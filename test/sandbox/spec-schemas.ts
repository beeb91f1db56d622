/**
 * Response schemas of real JumpCloud operations, read from the spec cache (specs/.cache/) or, when
 * that is empty, from ../shared/specs. Only the components an operation needs are dereferenced.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type SpecName = 'v1' | 'v2' | 'insights';

const FILES: Record<SpecName, string> = {
  v1: 'jumpcloud-v1.yaml',
  v2: 'jumpcloud-v2.yaml',
  insights: 'jumpcloud-directory-insights.yaml',
};

export function specPath(name: SpecName): string {
  const cached = join(repoRoot, 'specs', '.cache', FILES[name]);
  return existsSync(cached) ? cached : resolve(repoRoot, '..', 'shared', 'specs', FILES[name]);
}

type Json = Record<string, unknown>;
const docs = new Map<SpecName, Json>();

function loadDoc(name: SpecName): Json {
  let doc = docs.get(name);
  if (!doc) {
    doc = parse(readFileSync(specPath(name), 'utf8')) as Json;
    docs.set(name, doc);
  }
  return doc;
}

function pointer(doc: Json, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
}

/** Copies `node`, collecting every local $ref it (transitively) uses into `components`. */
function collectRefs(doc: Json, node: unknown, seen: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(doc, item, seen);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/') && !seen.has(value)) {
      seen.add(value);
      collectRefs(doc, pointer(doc, value), seen);
    } else collectRefs(doc, value, seen);
  }
}

function setPointer(target: Json, ref: string, value: unknown): void {
  const keys = ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = target;
  keys.forEach((key, index) => {
    if (index === keys.length - 1) node[key] = value;
    else node = (node[key] ??= {}) as Json;
  });
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
for (const format of ['int32', 'int64', 'float', 'double']) ajv.addFormat(format, true);

export interface ResponseSchema {
  schema: Json | undefined;
  validate: ValidateFunction | undefined;
}

const cache = new Map<string, Promise<ResponseSchema>>();

/** The dereferenced JSON schema of an operation's response (undefined when the spec gives no body). */
export function responseSchema({
  spec,
  method,
  path,
  status,
}: {
  spec: SpecName;
  method: string;
  path: string;
  status: number;
}): Promise<ResponseSchema> {
  const key = `${spec} ${method} ${path} ${status}`;
  let found = cache.get(key);
  if (!found) {
    found = (async () => {
      const doc = loadDoc(spec);
      const pathItem = (doc.paths as Json)[path] as Json | undefined;
      const operation = pathItem?.[method.toLowerCase()] as Json | undefined;
      if (!operation) throw new Error(`${spec} has no operation ${method.toUpperCase()} ${path}`);
      const responses = operation.responses as Json;
      let response = (responses[String(status)] ?? responses.default) as Json | undefined;
      if (!response)
        throw new Error(`${spec} ${method.toUpperCase()} ${path} declares no ${status} response`);
      if (typeof response.$ref === 'string') response = pointer(doc, response.$ref) as Json;
      const content = response.content as Json | undefined;
      const raw = (content?.['application/json'] as Json | undefined)?.schema;
      if (raw === undefined) return { schema: undefined, validate: undefined };
      const refs = new Set<string>();
      collectRefs(doc, raw, refs);
      const mini: Json = { schema: raw };
      for (const ref of refs) setPointer(mini, ref, pointer(doc, ref));
      const deref = (await $RefParser.dereference(mini, {
        dereference: { circular: 'ignore' },
      })) as Json;
      const schema = deref.schema as Json;
      return { schema, validate: ajv.compile(schema) };
    })();
    cache.set(key, found);
  }
  return found;
}

function mergedProperties(schema: Json): { properties: Json; open: boolean } | undefined {
  const parts = [schema, ...((schema.allOf as Json[] | undefined) ?? [])];
  const properties: Json = {};
  let seen = false;
  let open = false;
  for (const part of parts) {
    if (part.properties) {
      Object.assign(properties, part.properties);
      seen = true;
    }
    if (part.additionalProperties === true || typeof part.additionalProperties === 'object')
      open = true;
    if (part.oneOf || part.anyOf) open = true;
  }
  return seen ? { properties, open } : undefined;
}

/**
 * Field names in `value` that the schema does not declare (JSON Schema allows them unless
 * additionalProperties is false, but a faithful sandbox should not invent fields).
 */
export function undeclaredFields(schema: Json | undefined, value: unknown, at = '$'): string[] {
  if (!schema || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) {
    const items = schema.items as Json | undefined;
    return value.slice(0, 20).flatMap((v, i) => undeclaredFields(items, v, `${at}[${i}]`));
  }
  const merged = mergedProperties(schema);
  if (!merged) return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const childSchema = merged.properties[key] as Json | undefined;
    if (!childSchema) {
      if (!merged.open) out.push(`${at}.${key}`);
      continue;
    }
    out.push(...undeclaredFields(childSchema, child, `${at}.${key}`));
  }
  return [...new Set(out.map((p) => p.replace(/\[\d+\]/g, '[]')))];
}
