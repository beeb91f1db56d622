/**
 * Generic tool selection: which tools a server exposes (configuration) and which of those one
 * connection sees (a request that can only narrow). Read-only mode is computed from each tool's
 * annotations, never from a separate list.
 */
import type { Selection, SelectionRequest } from '../safety/types.js';
import type { ToolDefinition } from './types.js';

/** Server-wide selection. `toolsets` may contain `all`. Omitted lists select nothing by themselves. */
export interface SelectionConfig {
  toolsets?: readonly string[];
  allow?: readonly string[];
  deny?: readonly string[];
  readOnly?: boolean;
}

/** How the configuration and the per-connection options are named to users, for messages. */
export interface SelectionLabels {
  toolsets: string;
  allow: string;
  deny: string;
  readOnly: string;
  requestToolsets: string;
  requestTools: string;
  requestReadOnly: string;
}

export const DEFAULT_SELECTION_LABELS: SelectionLabels = {
  toolsets: 'JUMPCLOUD_MCP_TOOLSETS',
  allow: 'JUMPCLOUD_MCP_TOOLS',
  deny: 'JUMPCLOUD_MCP_EXCLUDE_TOOLS',
  readOnly: 'JUMPCLOUD_MCP_READ_ONLY',
  requestToolsets: 'the `toolsets` query parameter (or X-MCP-Toolsets header)',
  requestTools: 'the `tools` query parameter (or X-MCP-Tools header)',
  requestReadOnly: 'the `readOnly` query parameter (or X-MCP-Readonly header)',
};

/** A selection names a toolset or tool that does not exist. `status`/`expose` follow Koa's errors. */
export class SelectionError extends Error {
  readonly status = 400;
  readonly expose = true;
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}

/** Mutating means anything not annotated read-only: an unannotated tool counts as mutating. */
export function isReadOnlyTool(tool: ToolDefinition): boolean {
  return tool.annotations.readOnlyHint === true;
}

interface Catalog {
  byName: ReadonlyMap<string, ToolDefinition>;
  toolsets: ReadonlySet<string>;
}

function checkNames({
  catalog,
  toolsets,
  tools,
  where,
}: {
  catalog: Catalog;
  toolsets: readonly string[] | undefined;
  tools: readonly string[] | undefined;
  where: string;
}): void {
  const badSets = (toolsets ?? []).filter((s) => s !== 'all' && !catalog.toolsets.has(s));
  if (badSets.length > 0) {
    throw new SelectionError(
      `Unknown toolset ${badSets.map((s) => `'${s}'`).join(', ')} in ${where}. ` +
        `Valid toolsets: all, ${[...catalog.toolsets].sort().join(', ')}.`,
    );
  }
  const badTools = (tools ?? []).filter((t) => !catalog.byName.has(t));
  if (badTools.length > 0) {
    throw new SelectionError(
      `Unknown tool ${badTools.map((t) => `'${t}'`).join(', ')} in ${where}. ` +
        `Valid tools: ${[...catalog.byName.keys()].sort().join(', ')}.`,
    );
  }
}

/** Union of the named toolsets and tools; everything when neither is given. */
function pick({
  tools,
  toolsets,
  names,
}: {
  tools: readonly ToolDefinition[];
  toolsets: readonly string[] | undefined;
  names: readonly string[] | undefined;
}): Set<string> {
  if (toolsets === undefined && names === undefined) return new Set(tools.map((t) => t.name));
  const sets = new Set(toolsets ?? []);
  const named = new Set(names ?? []);
  return new Set(
    tools
      .filter((t) => sets.has('all') || sets.has(t.toolset) || named.has(t.name))
      .map((t) => t.name),
  );
}

/** How many distinct per-connection selections are kept resolved. */
const SELECTION_CACHE_SIZE = 256;

export interface ToolSelector {
  /** Every tool the configuration exposes, sorted by name. */
  readonly configured: readonly ToolDefinition[];
  select(request: SelectionRequest): Selection;
}

/**
 * Validates the configuration once (unknown names throw a SelectionError at startup) and returns a
 * selector for per-connection requests. A request can only narrow: its toolsets and tools
 * intersect what the configuration exposes, and its read-only flag can only switch read-only on.
 */
export function createToolSelector({
  tools,
  config,
  labels = DEFAULT_SELECTION_LABELS,
}: {
  tools: readonly ToolDefinition[];
  config: SelectionConfig;
  labels?: SelectionLabels;
}): ToolSelector {
  const sorted = [...tools].sort((a, b) => a.name.localeCompare(b.name));
  const catalog: Catalog = {
    byName: new Map(sorted.map((t) => [t.name, t])),
    toolsets: new Set(sorted.map((t) => t.toolset)),
  };
  checkNames({ catalog, toolsets: config.toolsets, tools: undefined, where: labels.toolsets });
  checkNames({ catalog, toolsets: undefined, tools: config.allow, where: labels.allow });
  checkNames({ catalog, toolsets: undefined, tools: config.deny, where: labels.deny });
  const picked = pick({ tools: sorted, toolsets: config.toolsets, names: config.allow });
  const denied = new Set(config.deny ?? []);
  const configured = sorted.filter(
    (t) => picked.has(t.name) && !denied.has(t.name) && !(config.readOnly && !isReadOnlyTool(t)),
  );

  function whyNotConfigured(name: string): string | undefined {
    const tool = catalog.byName.get(name);
    if (!tool) {
      return `There is no tool named '${name}' on this server. Call tools/list to see the available tools.`;
    }
    if (denied.has(name)) {
      return `The tool '${name}' is disabled by this server's deny list (${labels.deny}). An administrator can remove it from that list to enable it.`;
    }
    if (config.readOnly && !isReadOnlyTool(tool)) {
      return `The tool '${name}' changes data and this server runs in read-only mode (${labels.readOnly}). An administrator can turn read-only mode off to enable it.`;
    }
    if (!picked.has(name)) {
      return `The tool '${name}' (toolset '${tool.toolset}') is not enabled on this server. An administrator can add '${tool.toolset}' to ${labels.toolsets} or '${name}' to ${labels.allow}.`;
    }
    return undefined;
  }

  /**
   * Selections already resolved, by request: the same request gets the same Selection object, so
   * what is derived from one (the tools/list answer, the lookup by name) is computed once. Bounded,
   * since the request comes from the client.
   */
  const resolved = new Map<string, Selection>();

  function select(request: SelectionRequest): Selection {
    const key = `${request.toolsets?.join(',') ?? '*'}|${request.tools?.join(',') ?? '*'}|${request.readOnly === true}`;
    const known = resolved.get(key);
    if (known) return known;
    const selection = resolveSelection(request);
    if (resolved.size >= SELECTION_CACHE_SIZE) resolved.delete(resolved.keys().next().value!);
    resolved.set(key, selection);
    return selection;
  }

  function resolveSelection(request: SelectionRequest): Selection {
    checkNames({
      catalog,
      toolsets: request.toolsets,
      tools: request.tools,
      where: 'this connection’s tool selection',
    });
    const wanted = pick({ tools: sorted, toolsets: request.toolsets, names: request.tools });
    const readOnly = request.readOnly === true;
    const selected = configured.filter(
      (t) => wanted.has(t.name) && !(readOnly && !isReadOnlyTool(t)),
    );
    const selectedNames = new Set(selected.map((t) => t.name));
    return {
      tools: selected,
      whyNot(name: string): string | undefined {
        if (selectedNames.has(name)) return undefined;
        const configReason = whyNotConfigured(name);
        if (configReason) return configReason;
        const tool = catalog.byName.get(name) as ToolDefinition;
        if (readOnly && !isReadOnlyTool(tool)) {
          return `The tool '${name}' changes data and this connection asked for read-only mode (${labels.requestReadOnly}). Reconnect without it to use this tool.`;
        }
        return `The tool '${name}' (toolset '${tool.toolset}') is not selected for this connection. Reconnect adding '${tool.toolset}' to ${labels.requestToolsets} or '${name}' to ${labels.requestTools}.`;
      },
    };
  }

  return { configured, select };
}
