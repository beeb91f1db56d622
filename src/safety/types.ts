/**
 * The seam between the MCP host (src/mcp) and the safety layer (src/safety): which tools a
 * connection may see and call, and what happens before a tool's handler runs.
 */
import type {
  CallToolResult,
  ElicitRequest,
  ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import type {
  CallContext,
  Selection,
  SelectionRequest,
  ToolDefinition,
  ToolDeps,
} from '../registry/types.js';
import type { TargetOutcome } from './outcomes.js';

// Selection belongs to the registry; the host reaches it through the safety layer too.
export type { Selection, SelectionRequest };

/** Asks the human through the client (stateful mode, client declared `elicitation`). */
export type Elicit = (params: ElicitRequest['params']) => Promise<ElicitResult>;

export interface GateInput {
  tool: ToolDefinition;
  /** Arguments after validation by `tool.input`. */
  args: Record<string, unknown>;
  deps: ToolDeps;
  /** Present only when the client can answer an elicitation. */
  elicit?: Elicit;
  /**
   * The connection's selection. When given, a tool it does not expose is refused here with
   * `whyNot`'s text and, if the tool is mutating, an audit record.
   */
  selection?: Selection;
}

/**
 * How a call that was allowed to execute ended, for the audit record. A handler that acted on
 * several objects gives each one's outcome (its MultiTargetResult `outcomes`), or its whole result,
 * from which they are taken; the audit then has one record per outcome.
 */
export type CallOutcome =
  | { ok: true; outcomes?: readonly TargetOutcome[]; result?: unknown }
  | { ok: false; error: string };

export type GateDecision =
  /** Run the handler with these arguments (confirmation fields removed), then report the outcome. */
  | {
      action: 'execute';
      args: Record<string, unknown>;
      /** The objects the call acts on, named as the gate looked them up. */
      targets?: readonly { kind: string; id: string; name?: string }[];
      done(outcome: CallOutcome): void;
    }
  /** Do not run the handler; answer with this result (a preview, a refusal). */
  | { action: 'respond'; result: CallToolResult };

export interface UnavailableInput {
  /** The tool name the client asked for. */
  name: string;
  selection: Selection;
  ctx: CallContext;
  /** The raw arguments, if any: their target ids go into the audit record. */
  args?: unknown;
}

/** A call the host refused itself, e.g. for arguments that failed validation. */
export interface RefusalInput {
  /** The tool name the client asked for. */
  name: string;
  ctx: CallContext;
  /** The raw arguments, if any: their target ids go into the audit record. */
  args?: unknown;
  /** The text the model was answered with. */
  reason: string;
}

export interface Safety {
  select(request: SelectionRequest): Selection;
  gate(input: GateInput): Promise<GateDecision>;
  /**
   * The answer to a call of a tool this connection may not use (not selected, deny-listed,
   * read-only mode, unknown): `selection.whyNot`'s text as an error result, with an audit record
   * when the tool exists and changes data. Call it instead of answering such calls yourself.
   */
  refuseUnavailable(input: UnavailableInput): CallToolResult;
  /**
   * Records a refusal the host answered itself (invalid arguments) when the tool changes data, so
   * that every refused mutating call leaves one audit record.
   */
  auditRefusal(input: RefusalInput): void;
}
