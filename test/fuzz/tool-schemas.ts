/**
 * The registry's tools seen through their input JSON Schemas (what tools/list sends): the
 * properties a hostile input can aim at, and one valid value of each.
 */
import { tools as generatedTools } from '../../generated/index.js';
import type { ToolDefinition } from '../../src/registry/types.js';

export const TOOLS = generatedTools as unknown as readonly ToolDefinition[];

/** The subset of JSON Schema the tools' input schemas use. */
export interface PropertySchema {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  items?: PropertySchema;
}

export function propertiesOf(tool: ToolDefinition): Array<[string, PropertySchema]> {
  return Object.entries((tool.inputSchema.properties ?? {}) as Record<string, PropertySchema>);
}

export function requiredOf(tool: ToolDefinition): readonly string[] {
  return tool.inputSchema.required ?? [];
}

/** Values the tools accept for schema patterns they use. */
const PATTERN_VALUES: Record<string, string> = { '^[0-9]{6}$': '123456' };

/** Values for arguments whose schema is looser than what the tool takes. */
const NAMED_VALUES: Record<string, unknown> = { start_time: '24h', end_time: '1h' };

/** One value the property's schema accepts. */
export function validValue(schema: PropertySchema, name = ''): unknown {
  if (name in NAMED_VALUES) return NAMED_VALUES[name];
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return schema.items?.enum ? [schema.items.enum[0]] : [];
    case 'object':
      return {};
    default:
      return schema.pattern ? (PATTERN_VALUES[schema.pattern] ?? 'x') : '5f0000000000000000000000';
  }
}

/** The tool's required arguments, each with a valid value. */
export function requiredArguments(tool: ToolDefinition): Record<string, unknown> {
  const properties = new Map(propertiesOf(tool));
  return Object.fromEntries(
    requiredOf(tool).map((name) => [name, validValue(properties.get(name) ?? {}, name)]),
  );
}

/** Every [tool, argument] pair whose argument is a string. */
export const STRING_ARGUMENTS: Array<[string, string]> = TOOLS.flatMap((tool) =>
  propertiesOf(tool)
    .filter(([, schema]) => schema.type === 'string')
    .map(([name]): [string, string] => [tool.name, name]),
);
