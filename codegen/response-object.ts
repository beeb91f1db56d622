/**
 * A compact output schema from a success response: the top-level field names only. Field types are
 * left out on purpose: JumpCloud returns null for many fields its specs type as string or object,
 * and a client that validates structured content against the schema would reject those answers.
 * MCP output schemas are objects, so a bare-array response gets none.
 */
import { isObject, type JsonObject } from './openapi-types.js';

export function outputSchemaFor(schema: JsonObject | undefined): JsonObject | undefined {
  if (!schema || !isObject(schema.properties)) return undefined;
  if (schema.type !== undefined && schema.type !== 'object') return undefined;
  const properties: Record<string, JsonObject> = {};
  for (const name of Object.keys(schema.properties).sort()) properties[name] = {};
  return { type: 'object', properties };
}
