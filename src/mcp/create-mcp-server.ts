/**
 * The SDK's low-level `Server` for sessions and for what the stateless endpoint leaves to the SDK
 * (logging/setLevel, batches, calls that ask for progress, anything it does not answer itself).
 * Loaded on first use (src/app.ts): it brings the SDK's types module and its zod schemas.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ListToolsRequestSchema, SetLevelRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { ClientCapabilities, LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import type { Elicit } from '../safety/types.js';
import type { ToolDeps } from '../registry/types.js';
import { scopeFrom } from './request-scope.js';
import {
  INSTRUCTIONS,
  SERVER_CAPABILITIES,
  SERVER_INFO,
  answerToolCall,
  listedTools,
} from './tool-answers.js';
import type { McpServerOptions } from './tool-answers.js';
import { RAW_ARGUMENTS, ToolsCallRequestSchema } from './tools-call-request.js';
import { signalCancellation } from '../upstream/cancellation.js';

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

/** The progress token a request's `_meta` carries, if any. */
function progressTokenOf(meta: unknown): string | number | undefined {
  const token = (meta as { progressToken?: unknown } | undefined)?.progressToken;
  return typeof token === 'string' || typeof token === 'number' ? token : undefined;
}

/** A low-level MCP Server offering tools only, with precomputed schemas. */
export function createMcpServer(options: McpServerOptions): Server {
  const server = new Server(
    { ...SERVER_INFO },
    {
      capabilities: structuredClone(SERVER_CAPABILITIES),
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
      cancellation: signalCancellation(extra.signal),
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
