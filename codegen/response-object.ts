/**
 * A compact output schema from a success response: the top-level fields and their JSON types only,
 * so tools/list stays lean. MCP output schemas are objects, so a bare-array response gets none.
 */
import { deref } from './operation-object.js';
import { isObject, type JsonObject, type OpenApiDoc } from './openapi-types.js';

const SCALARS = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object']);

export function outputSchemaFor({
  doc,
  schema,
}: {
  doc: OpenApiDoc;
  schema?: JsonObject;
}): JsonObject | undefined {
  if (!schema || !isObject(schema.properties)) return undefined;
  if (schema.type !== undefined && schema.type !== 'object') return undefined;
  const properties: Record<string, JsonObject> = {};
  for (const name of Object.keys(schema.properties).sort()) {
    const prop = deref(doc, schema.properties[name]);
    const type = prop?.type ?? (isObject(prop?.properties) ? 'object' : undefined);
    properties[name] = typeof type === 'string' && SCALARS.has(type) ? { type } : {};
  }
  return { type: 'object', properties };
}
