/**
 * What both stateless paths and every session answer the same way: the server's identity and
 * instructions (initialize), the listed tools (tools/list) and one tools/call. Nothing here loads
 * the SDK's `Server` or its types module, so the direct stateless endpoint answers the first
 * requests of a start without them (src/mcp/create-mcp-server.ts builds the SDK `Server`).
 */
import { listedAnnotations } from '../registry/listing.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Metrics } from '../metrics/metrics.js';
import type { CallContext, ToolDefinition, ToolDeps } from '../registry/types.js';
import type { Elicit, Safety, Selection } from '../safety/types.js';
import { createUpstreamApi } from '../upstream/create-upstream-api.js';
import type { RateLimits } from '../upstream/rate-limit.js';
import type { RetryPolicy } from '../upstream/retry.js';
import { SERVER_NAME, SERVER_VERSION } from '../version.js';
import { callTool } from './call-tool.js';
import { resolveClientName } from './client-name.js';
import type { ResultFormat } from './result-text.js';
import type { RequestScope } from './request-scope.js';
import type { CallCancellation } from '../upstream/cancellation.js';

/** Well under the 25,000 tokens at which common clients cut a result. */
export const DEFAULT_RESULT_TOKEN_BUDGET = 12_000;

export const INSTRUCTIONS = [
  'Administer a JumpCloud organization: find users, devices, groups, applications, commands, policies and Directory Insights events, and act on them. Look objects up before acting on them; destructive actions ask for confirmation.',
  'confirmation_token: omit it to get a preview; after the user agrees, call again with the same arguments and the token from the preview.',
  'User and device actions take `id` (one), `ids` (several) or `group_id` (every member of a user or device group), one confirmation for the whole set and a result per object.',
  'Device actions work on Windows, Linux and MDM-enrolled Macs and iOS devices.',
].join(' ');

/** The server's name and version in initialize's `serverInfo`. */
export const SERVER_INFO = { name: SERVER_NAME, version: SERVER_VERSION } as const;

/** What initialize announces: tools (a fixed list) and logging (logging/setLevel). */
export const SERVER_CAPABILITIES = { tools: { listChanged: false }, logging: {} } as const;

/**
 * What tools/list sends for a tool, computed once per definition. The title goes once, as
 * `annotations.title`: every protocol version defines it, and clients of 2025-06-18 and later fall
 * back to it when the top-level `title` is absent. Output schemas are listed only when configured
 * (results carry structuredContent either way; a client validates it only against a listed schema).
 */
const listed = new WeakMap<ToolDefinition, Tool>();
const listedWithOutput = new WeakMap<ToolDefinition, Tool>();

function toListedTool(tool: ToolDefinition, outputSchemas: boolean): Tool {
  const cache = outputSchemas ? listedWithOutput : listed;
  let entry = cache.get(tool);
  if (!entry) {
    entry = {
      name: tool.name,
      description: tool.description,
      inputSchema: tool.inputSchema,
      ...(outputSchemas && tool.outputSchema ? { outputSchema: tool.outputSchema } : {}),
      annotations: listedAnnotations(tool.annotations),
    } as Tool;
    cache.set(tool, entry);
  }
  return entry;
}

export interface McpServerOptions {
  safety: Safety;
  baseUrls: Record<string, string>;
  upstreamTimeoutMs: number;
  /** Stateful sessions may ask the human (elicitation); stateless ones cannot. */
  stateful: boolean;
  /** List each tool's outputSchema in tools/list (default false); results then carry structuredContent. */
  outputSchemas?: boolean;
  /** Text of results: `compact` tables (default) or plain `json`. */
  resultFormat?: ResultFormat;
  /** Most tokens of one result's text (default 12,000). */
  resultTokenBudget?: number;
  fetchImpl?: typeof fetch;
  /** Rate budgets shared by replicas: upstream requests per credential, tool calls per principal. */
  limits?: RateLimits;
  /** Retries of reads. */
  retry?: RetryPolicy;
  metrics?: Metrics;
}

function tooManyCalls({ seconds, perMinute }: { seconds: number; perMinute: number }): string {
  return `Too many tool calls with this API key: at most ${perMinute} per minute on this server. Nothing was done. Retry after ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

/** What tools/list answers for a selection: the same objects every time. */
export function listedTools(selection: Selection, outputSchemas: boolean): { tools: Tool[] } {
  return { tools: selection.tools.map((tool) => toListedTool(tool, outputSchemas)) };
}

/**
 * One tools/call for the caller of `scope`: the same in the SDK's request handler and in the
 * stateless endpoint. Throws an McpError only for an internal fault.
 */
export function answerToolCall({
  options,
  scope,
  name,
  args,
  clientInfoName,
  cancellation,
  elicit,
  progress,
}: {
  options: McpServerOptions;
  scope: RequestScope;
  name: string;
  args: unknown;
  /** `clientInfo.name` from initialize, when this session sent one (else the scope's remembered one). */
  clientInfoName?: string;
  /** Aborted when the call's client goes away. */
  cancellation: CallCancellation;
  elicit?: Elicit;
  /** Sends notifications/progress for the call, when the client sent a progressToken. */
  progress?: ToolDeps['progress'];
}): Promise<CallToolResult> {
  const clientName = resolveClientName({
    clientInfoName: clientInfoName ?? scope.clientInfoName,
    userAgent: scope.httpUserAgent,
  });
  const ctx: CallContext = {
    requestId: scope.requestId,
    principal: scope.principal,
    orgId: scope.orgId,
    clientName,
    // The request's child logger is made when the call first logs: its line follows the answer.
    get logger() {
      return scope.logger;
    },
  };
  const { limits, metrics } = options;
  const limiter = limits?.upstream({
    fingerprint: scope.credential.fingerprint,
    orgId: scope.orgId,
  });
  return callTool({
    admit: limits
      ? async () => {
          const seconds = await limits.toolCall(scope.principal.fingerprint);
          return seconds === 0
            ? undefined
            : tooManyCalls({ seconds, perMinute: limits.settings.toolCallsPerMinute });
        }
      : undefined,
    observe: metrics?.toolCall,
    name,
    rawArgs: args,
    selection: scope.selection,
    safety: options.safety,
    ctx,
    cancellation,
    elicit,
    progress,
    results: {
      format: options.resultFormat ?? 'compact',
      budgetTokens: options.resultTokenBudget ?? DEFAULT_RESULT_TOKEN_BUDGET,
      outputSchemas: options.outputSchemas ?? false,
    },
    createApi: (stats) =>
      createUpstreamApi({
        baseUrls: options.baseUrls,
        credential: scope.credential,
        orgId: scope.orgId,
        clientName,
        timeoutMs: options.upstreamTimeoutMs,
        signal: cancellation,
        stats,
        fetchImpl: options.fetchImpl,
        limiter,
        retry: options.retry,
        observer: metrics?.upstream,
      }),
  });
}
