/**
 * The contract between generated/ (data: names, schemas, validators, typed upstream calls) and the
 * hand-written runtime in src/ (behaviour: HTTP, auth, errors, safety). Nothing here knows about
 * JumpCloud specifics: toolsets are generated from the manifest (generated/index.ts `toolsets`), and
 * target kinds are the names of the product's kinds table (src/jumpcloud/kinds.ts).
 */
import type { Client } from 'openapi-fetch';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Principal } from '../auth/types.js';

/** All four MCP hints, always set in the manifest; tools/list leaves out those at their default (listing.ts). */
export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** A JSON Schema object exactly as tools/list sends it. */
export interface JsonSchemaObject {
  type: 'object';
  properties?: Record<string, unknown>;
  required?: string[];
  [keyword: string]: unknown;
}

/** The kind of object a tool acts on (a key of the kinds table), and the argument that names it. */
export interface ToolTarget {
  kind: string;
  idArg: string;
  /**
   * Further objects the call changes: each argument (an array of ids) and the kind it lists, in
   * argument order, e.g. `{ add: 'user', remove: 'user' }` for the users added to and removed
   * from a group. The safety layer names, caps and protects them too.
   */
  members?: Record<string, string>;
}

/**
 * A tool on one object that also acts on several: by a list of ids (`ids`) or by every member of a
 * group (`group`, a group of kind `groupKind`). The safety layer takes exactly one of the id
 * argument, `ids` and `group`, expands a group to its members' ids, names, caps and protects each,
 * and hands the handler the ids in `ids`.
 */
export interface ToolBulk {
  ids: string;
  group: string;
  groupKind: string;
}

/** One object a call acts on, as the safety layer looked it up (its upstream record, when read). */
export interface PreflightTarget {
  kind: string;
  id: string;
  name?: string;
  record?: Readonly<Record<string, unknown>>;
}

/**
 * A check before a confirmation is issued, on the looked-up objects: why the call cannot run
 * (safe to show the model), or undefined. It reads nothing itself.
 */
export type Preflight = (input: {
  args: Record<string, unknown>;
  targets: readonly PreflightTarget[];
}) => string | undefined;

/** What a mutating tool does to its object, in words a person can confirm. Never listed to clients. */
export interface ToolEffect {
  /** Imperative verb phrase placed before the object: "Erase", "Suspend", "Change the members of". */
  verb: string;
  /** What changes, as a sentence. */
  change: string;
  /**
   * What each member argument does to the objects it lists, shown above them in a confirmation
   * ("gain direct access to the application"); only for tools with `target.members`.
   */
  members?: Record<string, string>;
}

/** Per-request identity and context: who is calling, for which organization, through which client. */
export interface CallContext {
  requestId: string;
  /** Who is calling (no secret: the credential stays with the upstream client). */
  principal: Principal;
  /** MSP child organization (`x-org-id`), when the request named one. */
  orgId?: string;
  /** Normalized MCP client name (cursor, claude, vscode, ..., unknown). */
  clientName: string;
  logger: Logger;
}

/**
 * Typed upstream clients, one per spec id, already bound to the caller's credential, organization, user
 * agent, region and timeout. The path types come from generated/ (pruned openapi-typescript output).
 */
export type UpstreamApi<Paths extends Record<string, object>> = {
  [Spec in keyof Paths]: Client<Paths[Spec] & {}>;
};

export interface ToolDeps<Api = unknown> {
  api: Api;
  ctx: CallContext;
  /**
   * Aborted when the call's client goes away; made when first read. `api` is bound to the call's
   * cancellation already, so its requests stop without it; read it to stop work of the handler's
   * own (a bulk loop, a wait).
   */
  signal: AbortSignal;
  /**
   * The share of the result budget data would take as the model reads it: at most 1 when it fits,
   * else its estimated tokens over the budget. A handler that pages with a cursor uses it to stop
   * at a whole item and return the cursor for the rest.
   */
  resultShare?: (data: unknown) => number;
  /** The objects the safety layer named for this call (ids with names), when it named them. */
  targets?: readonly { kind: string; id: string; name?: string }[];
  /** Reports progress to the client, when it asked for it (`_meta.progressToken`). */
  progress?: (update: { progress: number; total?: number; message?: string }) => void;
}

/**
 * A tool: static data plus a handler that receives its dependencies. The handler gets arguments
 * already validated by `input`, returns JSON-serializable data on success, and throws (see
 * src/upstream/errors.ts) on failure. It never sees the credential.
 */
export interface ToolDefinition<Args = Record<string, unknown>, Api = unknown> {
  name: string;
  description: string;
  /** The toolset it is enabled and selected with (one of generated/index.ts `toolsets`). */
  toolset: string;
  annotations: ToolAnnotations;
  inputSchema: JsonSchemaObject;
  outputSchema?: JsonSchemaObject;
  input: z.ZodType<Args, z.ZodTypeDef, unknown>;
  target?: ToolTarget;
  /** Required for destructive tools (codegen checks it); shown in previews and elicitations. */
  effect?: ToolEffect;
  /** What the result of a changing tool says happened (src/mcp/result-template.ts fills it in). */
  result?: string;
  /** Acts on several objects too (`ids`, `group_id`); see ToolBulk. */
  bulk?: ToolBulk;
  /** Checked on the looked-up objects before a preview or execution; see Preflight. */
  preflight?: Preflight;
  handler: (args: Args, deps: ToolDeps<Api>) => Promise<unknown>;
}

/** Per-connection narrowing (query parameters or headers); it can only narrow the configuration. */
export interface SelectionRequest {
  toolsets?: readonly string[];
  tools?: readonly string[];
  readOnly?: boolean;
  /** The signed-in principal's grant (src/auth): it only narrows. */
  grant?: {
    toolsets?: readonly string[];
    tools?: readonly string[];
    readOnly?: boolean;
    role?: string;
  };
}

/** What a connection may list and call. */
export interface Selection {
  /** The tools this connection may list and call, sorted by name. */
  readonly tools: readonly ToolDefinition[];
  /** Why a tool name is not callable here and how to enable it, or undefined when it is callable. */
  whyNot(name: string): string | undefined;
}
