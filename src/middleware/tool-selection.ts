import type { Context } from 'koa';
import type { AppState } from '../app-state.js';
import { InvalidValue, parseBoolean, parseList } from '../config/parse.js';
import type { Safety, SelectionRequest } from '../safety/types.js';
import { HttpError } from './http-error.js';
import type { Step } from './steps.js';

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
  return (ctx) => {
    ctx.state.selection = safety.select({
      ...readSelectionRequest(ctx),
      grant: ctx.state.principal?.grant,
    });
  };
}
