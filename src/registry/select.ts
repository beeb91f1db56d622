/**
 * Generic selection: which items (tools; prompts and resources alike) a server exposes
 * (configuration) and which of those one connection sees (a request that can only narrow), by
 * toolset, by name and by read-only mode. Read-only mode is computed from each item, never from a
 * separate list.
 */
import type { Selection, SelectionRequest, ToolDefinition } from './types.js';

const PLAIN_NAME = /^[a-z0-9_]*$/;

/**
 * `a.localeCompare(b)`, without its first call's cost (ICU's collator loads then: tens of ms at
 * start) for names of a-z, 0-9 and _: the collator puts _ before the digits and the digits before
 * the letters, which is code-unit order once _ reads as a space.
 */
export function compareNames(a: string, b: string): number {
  if (!PLAIN_NAME.test(a) || !PLAIN_NAME.test(b)) return a.localeCompare(b);
  const x = a.replaceAll('_', ' ');
  const y = b.replaceAll('_', ' ');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Anything selected by toolset and name: a tool, a prompt, a resource template. */
export interface Selectable {
  readonly name: string;
  readonly toolset: string;
}

/** The items one connection may use, sorted by name. */
export interface ItemSelection<T extends Selectable> {
  readonly items: readonly T[];
  /** Why a name is not usable here and how to enable it, or undefined when it is. */
  whyNot(name: string): string | undefined;
}

/** A per-connection request in terms of items. */
export interface ItemRequest {
  toolsets?: readonly string[];
  names?: readonly string[];
  readOnly?: boolean;
  /** What the signed-in principal may use (their role or policy): it narrows like the rest. */
  grant?: Grant;
}

/** What a principal's role or policy allows: toolsets and names (union), and read-only. */
export interface Grant {
  toolsets?: readonly string[];
  tools?: readonly string[];
  readOnly?: boolean;
  /** The role or policy rule that gave it, named in refusals. */
  role?: string;
}

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

interface Catalog<T extends Selectable> {
  byName: ReadonlyMap<string, T>;
  toolsets: ReadonlySet<string>;
  /** "tool"; "prompt". */
  noun: string;
  /** The request that lists them: "tools/list". */
  listMethod: string;
}

function checkNames<T extends Selectable>({
  catalog,
  toolsets,
  tools,
  where,
}: {
  catalog: Catalog<T>;
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
      `Unknown ${catalog.noun} ${badTools.map((t) => `'${t}'`).join(', ')} in ${where}. ` +
        `Valid ${catalog.noun}s: ${[...catalog.byName.keys()].sort().join(', ')}.`,
    );
  }
}

/** Union of the named toolsets and tools; everything when neither is given. */
function pick<T extends Selectable>({
  tools,
  toolsets,
  names,
}: {
  tools: readonly T[];
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

export interface ItemSelector<T extends Selectable> {
  /** Every item the configuration exposes, sorted by name. */
  readonly configured: readonly T[];
  select(request: ItemRequest): ItemSelection<T>;
}

/**
 * Validates the configuration once (unknown names throw a SelectionError at startup) and returns a
 * selector for per-connection requests. A request can only narrow: its toolsets and names
 * intersect what the configuration exposes, and its read-only flag can only switch read-only on.
 */
export function createSelector<T extends Selectable>({
  items,
  isReadOnly,
  config,
  labels = DEFAULT_SELECTION_LABELS,
  noun = 'tool',
  listMethod = 'tools/list',
}: {
  items: readonly T[];
  isReadOnly: (item: T) => boolean;
  config: SelectionConfig;
  labels?: SelectionLabels;
  noun?: string;
  listMethod?: string;
}): ItemSelector<T> {
  const sorted = [...items].sort((a, b) => compareNames(a.name, b.name));
  const catalog: Catalog<T> = {
    byName: new Map(sorted.map((t) => [t.name, t])),
    toolsets: new Set(sorted.map((t) => t.toolset)),
    noun,
    listMethod,
  };
  checkNames({ catalog, toolsets: config.toolsets, tools: undefined, where: labels.toolsets });
  checkNames({ catalog, toolsets: undefined, tools: config.allow, where: labels.allow });
  checkNames({ catalog, toolsets: undefined, tools: config.deny, where: labels.deny });
  const picked = pick({ tools: sorted, toolsets: config.toolsets, names: config.allow });
  const denied = new Set(config.deny ?? []);
  const configured = sorted.filter(
    (t) => picked.has(t.name) && !denied.has(t.name) && !(config.readOnly && !isReadOnly(t)),
  );

  function whyNotConfigured(name: string): string | undefined {
    const item = catalog.byName.get(name);
    if (!item) {
      return `There is no ${noun} named '${name}' on this server. Call ${listMethod} to see the available ${noun}s.`;
    }
    if (denied.has(name)) {
      return `The ${noun} '${name}' is disabled by this server's deny list (${labels.deny}). An administrator can remove it from that list to enable it.`;
    }
    if (config.readOnly && !isReadOnly(item)) {
      return `The ${noun} '${name}' changes data and this server runs in read-only mode (${labels.readOnly}). An administrator can turn read-only mode off to enable it.`;
    }
    if (!picked.has(name)) {
      return `The ${noun} '${name}' (toolset '${item.toolset}') is not enabled on this server. An administrator can add '${item.toolset}' to ${labels.toolsets} or '${name}' to ${labels.allow}.`;
    }
    return undefined;
  }

  function select(request: ItemRequest): ItemSelection<T> {
    checkNames({
      catalog,
      toolsets: request.toolsets,
      tools: request.names,
      where: `this connection’s ${noun} selection`,
    });
    const wanted = pick({ tools: sorted, toolsets: request.toolsets, names: request.names });
    const readOnly = request.readOnly === true;
    const { grant } = request;
    // A grant names what a principal may use; names the catalogue does not know grant nothing.
    const granted =
      grant && (grant.toolsets !== undefined || grant.tools !== undefined)
        ? pick({ tools: sorted, toolsets: grant.toolsets ?? [], names: grant.tools ?? [] })
        : undefined;
    const grantReadOnly = grant?.readOnly === true;
    const allowedByGrant = (t: T) =>
      (granted === undefined || granted.has(t.name)) && !(grantReadOnly && !isReadOnly(t));
    const selected = configured.filter(
      (t) => wanted.has(t.name) && !(readOnly && !isReadOnly(t)) && allowedByGrant(t),
    );
    const role = grant?.role ? `your role (${grant.role})` : 'what you are allowed';
    const selectedNames = new Set(selected.map((t) => t.name));
    return {
      items: selected,
      whyNot(name: string): string | undefined {
        if (selectedNames.has(name)) return undefined;
        const configReason = whyNotConfigured(name);
        if (configReason) return configReason;
        const item = catalog.byName.get(name) as T;
        if (grantReadOnly && !isReadOnly(item)) {
          return `The ${noun} '${name}' changes data and ${role} is read-only. An administrator can give you a role that may change data.`;
        }
        if (granted !== undefined && !granted.has(name)) {
          return `The ${noun} '${name}' (toolset '${item.toolset}') is outside ${role}. An administrator can change your role or the server's policy file.`;
        }
        if (readOnly && !isReadOnly(item)) {
          return `The ${noun} '${name}' changes data and this connection asked for read-only mode (${labels.requestReadOnly}). Reconnect without it to use this ${noun}.`;
        }
        return `The ${noun} '${name}' (toolset '${item.toolset}') is not selected for this connection. Reconnect adding '${item.toolset}' to ${labels.requestToolsets} or '${name}' to ${labels.requestTools}.`;
      },
    };
  }

  return { configured, select };
}

/** How many distinct per-connection selections are kept resolved. */
const SELECTION_CACHE_SIZE = 256;

export interface ToolSelector {
  /** Every tool the configuration exposes, sorted by name. */
  readonly configured: readonly ToolDefinition[];
  select(request: SelectionRequest): Selection;
}

/** createSelector over tools, read-only by their annotations; a request's `tools` are its names. */
export function createToolSelector({
  tools,
  config,
  labels,
}: {
  tools: readonly ToolDefinition[];
  config: SelectionConfig;
  labels?: SelectionLabels;
}): ToolSelector {
  const selector = createSelector({ items: tools, isReadOnly: isReadOnlyTool, config, labels });
  /**
   * Selections already resolved, by request: the same request gets the same Selection object, so
   * what is derived from one (the tools/list answer, the lookup by name) is computed once. Bounded,
   * since the request comes from the client.
   */
  const resolved = new Map<string, Selection>();
  const list = (names: readonly string[] | undefined) => names?.join(',') ?? '*';
  return {
    configured: selector.configured,
    select(request: SelectionRequest): Selection {
      const { grant } = request;
      const key = [
        list(request.toolsets),
        list(request.tools),
        request.readOnly === true,
        grant
          ? `${list(grant.toolsets)}|${list(grant.tools)}|${grant.readOnly === true}|${grant.role ?? ''}`
          : '-',
      ].join('|');
      const known = resolved.get(key);
      if (known) return known;
      const { items, whyNot } = selector.select({
        toolsets: request.toolsets,
        names: request.tools,
        readOnly: request.readOnly,
        grant,
      });
      const selection: Selection = { tools: items, whyNot };
      if (resolved.size >= SELECTION_CACHE_SIZE) resolved.delete(resolved.keys().next().value!);
      resolved.set(key, selection);
      return selection;
    },
  };
}
