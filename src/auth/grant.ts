/**
 * Grants as tool predicates. A principal's grant is the meet of several layers (the JumpCloud role,
 * the token's scopes, each matching policy rule); `combineGrants` flattens them into one `Grant`
 * that names its tools, so that everything downstream reads a single object.
 */
import { isReadOnlyTool } from '../registry/select.js';
import type { ToolDefinition } from '../registry/types.js';
import type { Grant } from './types.js';

/** Whether one grant lets its holder use a tool (toolsets and tools are a union, as in a selection). */
export function grantAllows(grant: Grant, tool: ToolDefinition): boolean {
  if (grant.readOnly && !isReadOnlyTool(tool)) return false;
  if (grant.toolsets === undefined && grant.tools === undefined) return true;
  return Boolean(grant.toolsets?.includes(tool.toolset) || grant.tools?.includes(tool.name));
}

function intersect(
  a: readonly string[] | undefined,
  b: readonly string[] | undefined,
): readonly string[] | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const keep = new Set(b);
  return a.filter((item) => keep.has(item));
}

/**
 * The grant allowing exactly what every layer allows: the tools of `catalog` each layer allows,
 * read-only when any layer is, the organizations every layer allows. `role` names the layers.
 */
export function combineGrants({
  catalog,
  layers,
  role,
}: {
  catalog: readonly ToolDefinition[];
  layers: readonly Grant[];
  role: string;
}): Grant {
  const tools = catalog
    .filter((tool) => layers.every((layer) => grantAllows(layer, tool)))
    .map((tool) => tool.name);
  let organizations: readonly string[] | undefined;
  for (const layer of layers) organizations = intersect(organizations, layer.organizations);
  return {
    tools,
    ...(layers.some((layer) => layer.readOnly) ? { readOnly: true } : {}),
    ...(organizations ? { organizations } : {}),
    role,
  };
}
