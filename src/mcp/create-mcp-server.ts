import { listedAnnotations } from '../registry/listing.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ListToolsRequestSchema, SetLevelRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type {
  CallToolResult,
  ClientCapabilities,
  LoggingLevel,
  Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
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
import { scopeFrom } from './request-scope.js';
import type { RequestScope } from './request-scope.js';
import { RAW_ARGUMENTS, ToolsCallRequestSchema } from './tools-call-request.js';

/** Well under the 25,000 tokens at which common clients cut a result. */
export const DEFAULT_RESULT_TOKEN_BUDGET = 12_000;

const INSTRUCTIONS = [
  'Administer a JumpCloud organization: find users, devices, groups, applications, commands, policies and Directory Insights events, and act on them. Look objects up before acting on them; destructive actions ask for confirmation.',
  'confirmation_token: omit it to get a preview; after the user agrees, call again with the same arguments and the token from the preview.',
  'User and device actions take `id` (one), `ids` (several) or `group_id` (every member of a user or device group), one confirmation for the whole set and a result per object.',
  'Device actions work on Windows, Linux and MDM-enrolled Macs and iOS devices.',
].join(' ');

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

/**
 * The Server validates only the answers to form elicitations against a JSON Schema. By default each
 * Server builds its own Ajv instance up front (about 150 us and 18 KiB per request or session);
 * this builds one only when a schema is to be checked. It is not shared, because Ajv keeps every
 * schema it compiles, and each confirmation form is a new one.
 */
const onDemandValidator: jsonSchemaValidator = {
  getValidator: (schema) => new AjvJsonSchemaValidator().getValidator(schema),
};

const SEVERITY: readonly LoggingLevel[] = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
];

/** The level a client chose with logging/setLevel (everything until it chooses). */
function clientLogLevel() {
  let minimum: LoggingLevel = 'debug';
  return {
    set: (level: LoggingLevel) => void (minimum = level),
    accepts: (level: LoggingLevel) => SEVERITY.indexOf(level) >= SEVERITY.indexOf(minimum),
  };
}

/**
 * Whether the client can answer a form elicitation: it declared `elicitation.form`, or an empty
 * `elicitation` object, which clients of revisions before form and URL modes send for forms. A
 * client that declared only URL mode cannot show a confirmation form.
 */
export function supportsFormElicitation(capabilities: ClientCapabilities | undefined): boolean {
  const elicitation = capabilities?.elicitation as { form?: object; url?: object } | undefined;
  if (!elicitation) return false;
  return Boolean(elicitation.form) || !elicitation.url;
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
  signal,
  elicit,
  progress,
}: {
  options: McpServerOptions;
  scope: RequestScope;
  name: string;
  args: unknown;
  /** `clientInfo.name` from initialize, when this session sent one (else the scope's remembered one). */
  clientInfoName?: string;
  signal: AbortSignal;
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
    logger: scope.logger,
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
    signal,
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
        signal,
        stats,
        fetchImpl: options.fetchImpl,
        limiter,
        retry: options.retry,
        observer: metrics?.upstream,
      }),
  });
}

/** The progress token a request's `_meta` carries, if any. */
function progressTokenOf(meta: unknown): string | number | undefined {
  const token = (meta as { progressToken?: unknown } | undefined)?.progressToken;
  return typeof token === 'string' || typeof token === 'number' ? token : undefined;
}

/** A low-level MCP Server offering tools only, with precomputed schemas. */
export function createMcpServer(options: McpServerOptions): Server {
  const server = new Server(
    { name: SERVER_NAME, version: SERVER_VERSION },
    {
      capabilities: { tools: { listChanged: false }, logging: {} },
      instructions: INSTRUCTIONS,
      jsonSchemaValidator: onDemandValidator,
    },
  );

  const logLevel = clientLogLevel();
  server.setRequestHandler(SetLevelRequestSchema, async (request) => {
    logLevel.set(request.params.level);
    return {};
  });

  server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => {
    return listedTools(scopeFrom(extra.authInfo).selection, options.outputSchemas ?? false);
  });

  server.setRequestHandler(ToolsCallRequestSchema, async (request, extra) => {
    const canElicit = options.stateful && supportsFormElicitation(server.getClientCapabilities());
    const elicit: Elicit | undefined = canElicit
      ? (params) =>
          server.elicitInput(params as Parameters<Server['elicitInput']>[0], {
            relatedRequestId: extra.requestId,
            signal: extra.signal,
          })
      : undefined;
    const progressToken = progressTokenOf(request.params._meta);
    const progress: ToolDeps['progress'] =
      progressToken === undefined
        ? undefined
        : (update) =>
            void extra
              .sendNotification({
                method: 'notifications/progress',
                params: { progressToken, ...update },
              })
              .catch(() => {});
    const result = await answerToolCall({
      options,
      scope: scopeFrom(extra.authInfo),
      name: request.params.name,
      args: request.params[RAW_ARGUMENTS],
      clientInfoName: server.getClientVersion()?.name,
      signal: extra.signal,
      elicit,
      progress,
    });
    if (result.isError && extra.sessionId && logLevel.accepts('warning')) {
      // Sessions also get the failure as a log message on the call's own stream, before its result.
      const first = result.content[0];
      const data = first?.type === 'text' ? first.text : 'tool call failed';
      await extra
        .sendNotification({
          method: 'notifications/message',
          params: { level: 'warning', logger: request.params.name, data },
        })
        .catch(() => {});
    }
    return result;
  });

  return server;
}
