import type { Context } from 'koa';
import type { AppState } from '../app-state.js';
import { InvalidValue, parseBoolean, parseList } from '../config/parse.js';
import type { Grant } from '../auth/types.js';
import type { Safety, Selection, SelectionRequest } from '../safety/types.js';
import { HttpError } from './http-error.js';
import type { Step } from './steps.js';

/** How many selections each grant keeps by request (see toolSelection). */
const KEPT_SELECTIONS = 64;

/** What the selection is read from: the query and the headers of a request. */
type Request = Pick<Context, 'query' | 'get'>;

function single(ctx: Request, query: string, header: string): string | undefined {
  const fromQuery = ctx.query[query];
  if (Array.isArray(fromQuery)) {
    throw new HttpError(
      400,
      `Bad request: ${query} was given more than once; give it once, comma-separated.`,
    );
  }
  return fromQuery ?? (ctx.get(header) || undefined);
}

function names(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : parseList(value);
}

function flag(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  try {
    return parseBoolean(value);
  } catch (error) {
    if (!(error instanceof InvalidValue)) throw error;
    throw new HttpError(400, `Bad request: ${name} must be ${error.expected ?? 'true or false'}.`);
  }
}

/**
 * Per-connection narrowing of the tools: `?toolsets=users,devices` (or header `X-MCP-Toolsets`),
 * `?tools=name,name` (`X-MCP-Tools`), `?readOnly=true` (`X-MCP-Readonly`). It can only narrow what
 * the server is configured to offer.
 */
export function readSelectionRequest(ctx: Request): SelectionRequest {
  const request: { toolsets?: string[]; tools?: string[]; readOnly?: boolean } = {};
  const toolsets = names(single(ctx, 'toolsets', 'x-mcp-toolsets'));
  if (toolsets) request.toolsets = toolsets;
  const tools = names(single(ctx, 'tools', 'x-mcp-tools'));
  if (tools) request.tools = tools;
  const readOnly = flag(single(ctx, 'readOnly', 'x-mcp-readonly'), 'readOnly');
  if (readOnly !== undefined) request.readOnly = readOnly;
  return request;
}

/**
 * Resolves this connection's tool selection once per request (`ctx.state.selection`). Unknown
 * toolset or tool names are a 400 from the safety layer, naming the valid ones.
 */
export function toolSelection(safety: Safety): Step<AppState> {
  /**
   * Selections by what they are read from (the query string and the three headers), per grant:
   * a client sends the same every time. Only selections that resolved are kept; bounded, since
   * the client picks the key.
   */
  const byGrant = new WeakMap<Grant, Map<string, Selection>>();
  const withoutGrant = new Map<string, Selection>();
  return (ctx) => {
    const grant = ctx.state.principal?.grant;
    const { headers } = ctx.req;
    // Header values hold no line break; a query string holds none unescaped.
    const key = `${ctx.querystring}\n${headers['x-mcp-toolsets'] ?? ''}\n${headers['x-mcp-tools'] ?? ''}\n${headers['x-mcp-readonly'] ?? ''}`;
    let kept = grant ? byGrant.get(grant) : withoutGrant;
    let selection = kept?.get(key);
    if (!selection) {
      selection = safety.select({ ...readSelectionRequest(ctx), grant });
      if (!kept) byGrant.set(grant!, (kept = new Map()));
      if (kept.size >= KEPT_SELECTIONS) kept.clear();
      kept.set(key, selection);
    }
    ctx.state.selection = selection;
  };
}
