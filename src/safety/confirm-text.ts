/**
 * The words of a confirmation: the preview returned by a first destructive call, and the question
 * put to the human through elicitation. Both name each object by name, state and the change.
 */
import type { CallToolResult, ElicitRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ToolDefinition } from '../registry/types.js';
import { toolEffect } from './effects.js';
import { countOf, nounOf } from './object-kinds.js';
import type { ObjectKinds } from './object-kinds.js';
import { targetLabel } from './resolve-target.js';
import type { ResolvedTarget } from './resolve-target.js';

/** The argument codegen adds to every destructive tool. */
export const CONFIRMATION_TOKEN_ARG = 'confirmation_token';

function otherArgs(tool: ToolDefinition, args: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...args };
  if (tool.target) delete rest[tool.target.idArg];
  if (tool.bulk) for (const arg of [tool.bulk.ids, tool.bulk.group]) delete rest[arg];
  for (const arg of Object.keys(tool.target?.members ?? {})) delete rest[arg];
  return rest;
}

/** The objects the call is about (a group), apart from its members (the users added to it). */
function primary(targets: readonly ResolvedTarget[]): ResolvedTarget[] {
  return targets.filter((t) => t.role === undefined);
}

/**
 * "add (2 users):", or with the tool's words for the argument "add_users (2 users), each to gain
 * direct access to the application:", then one line per member, for each argument that lists some.
 */
function memberLines({
  tool,
  kinds,
  targets,
}: {
  tool: ToolDefinition;
  kinds: ObjectKinds;
  targets: readonly ResolvedTarget[];
}): string[] {
  const roles = [...new Set(targets.flatMap((t) => (t.role === undefined ? [] : [t.role])))];
  return roles.flatMap((role) => {
    const listed = targets.filter((t) => t.role === role);
    const count = countOf({ kinds, kind: listed[0]?.kind ?? 'object', count: listed.length });
    const words = tool.effect?.members?.[role];
    return [
      `${role} (${count})${words ? `, each to ${words}` : ''}:`,
      ...objectLines(kinds, listed),
    ];
  });
}

function stateText(target: ResolvedTarget): string {
  return target.state.map(([label, value]) => `${label}: ${value}`).join('; ');
}

/** How many objects a long preview names one per line; the rest are listed by id. */
export const PREVIEW_NAMED_MAX = 20;

/** Every object: the first PREVIEW_NAMED_MAX by name and state, the rest by id on one line. */
function listLines(kinds: ObjectKinds, targets: readonly ResolvedTarget[]): string[] {
  const shown = objectLines(kinds, targets.slice(0, PREVIEW_NAMED_MAX));
  const rest = targets.slice(PREVIEW_NAMED_MAX);
  if (rest.length === 0) return shown;
  return [...shown, `- and ${rest.length} more: ${rest.map((t) => t.id).join(', ')}`];
}

function objectLines(kinds: ObjectKinds, targets: readonly ResolvedTarget[]): string[] {
  return targets.map((target) => {
    const state = stateText(target);
    return `- ${targetLabel(kinds, target)}${state ? `. Now: ${state}` : ''}`;
  });
}

/** What a confirmation is about: the tool, its objects (looked up) and its exact arguments. */
export interface ConfirmSubject {
  tool: ToolDefinition;
  targets: readonly ResolvedTarget[];
  args: Record<string, unknown>;
  kinds: ObjectKinds;
  /** The MSP organization of the call (`?organizationID=`), if the request named one. */
  orgId?: string;
}

/** "Erase device "LAPTOP-7" (Windows 11, id 5f0c...)" or, for several, "Erase 2 devices". */
export function actionSummary({ tool, targets: allTargets, kinds }: ConfirmSubject): string {
  const { verb } = toolEffect(tool);
  const targets = primary(allTargets);
  if (targets.length === 0) return verb.replace(/ on$/, '');
  if (targets.length === 1) return `${verb} ${targetLabel(kinds, targets[0] as ResolvedTarget)}`;
  return `${verb} ${countOf({ kinds, kind: targets[0]?.kind ?? 'object', count: targets.length })}`;
}

function details({ tool, targets, args, kinds, orgId }: ConfirmSubject): string[] {
  const lines: string[] = [];
  // The MSP organization it happens in; none named: the credential's own.
  if (orgId) lines.push(`Organization: ${orgId}.`);
  const main = primary(targets);
  const [only] = main;
  const group = tool.bulk ? args[tool.bulk.group] : undefined;
  if (typeof group === 'string') {
    const noun = nounOf(kinds, tool.bulk?.groupKind ?? 'group');
    lines.push(
      `Every member of ${noun} ${group}, as listed now (members added later are not included).`,
    );
  }
  if (main.length > 1) {
    const count = countOf({ kinds, kind: main[0]?.kind ?? 'object', count: main.length });
    lines.push(`Objects (${count}):`, ...listLines(kinds, main));
  } else if (only && only.state.length > 0) lines.push(`Current state: ${stateText(only)}.`);
  lines.push(...memberLines({ tool, kinds, targets }));
  const rest = otherArgs(tool, args);
  if (Object.keys(rest).length > 0) lines.push(`With: ${JSON.stringify(rest)}`);
  lines.push(`What will change: ${toolEffect(tool).change}`);
  return lines;
}

export function previewResult({
  subject,
  token,
  expiresAt,
  ttlSeconds,
}: {
  subject: ConfirmSubject;
  token: string;
  expiresAt: Date;
  ttlSeconds: number;
}): CallToolResult {
  const { tool, targets } = subject;
  const text = [
    'Confirmation required. Nothing has been done yet.',
    `Action: ${actionSummary(subject)}.`,
    ...details(subject),
    '',
    'Show this to the user and ask whether to proceed. Only if the user explicitly agrees, call ' +
      `${tool.name} again with exactly the same arguments plus ` +
      `"${CONFIRMATION_TOKEN_ARG}": "${token}".`,
    `The token works once, only for this exact call, and expires at ${expiresAt.toISOString()} ` +
      `(${Math.round(ttlSeconds / 60) || 1} min). Do not reuse it for any other call.`,
  ].join('\n');
  // Not an error: the call did what a first call of a destructive tool does. The same facts go
  // as structuredContent, so a client or script reads the token without parsing prose.
  return {
    content: [{ type: 'text', text }],
    structuredContent: {
      status: 'confirmation_required',
      tool: tool.name,
      action: actionSummary(subject),
      change: toolEffect(tool).change,
      targets: targets.map((target) => ({
        kind: target.kind,
        id: target.id,
        ...(target.name === undefined ? {} : { name: target.name }),
        ...(target.role === undefined ? {} : { role: target.role }),
        ...(target.state.length === 0 ? {} : { state: Object.fromEntries(target.state) }),
      })),
      ...(subject.orgId ? { organization: subject.orgId } : {}),
      [CONFIRMATION_TOKEN_ARG]: token,
      expires_at: expiresAt.toISOString(),
    },
    isError: false,
  };
}

/** Form elicitation with one required yes/no; only `accept` with `confirm: true` proceeds. */
export function elicitationParams(subject: ConfirmSubject): ElicitRequest['params'] {
  const { tool } = subject;
  const summary = actionSummary(subject);
  return {
    message: [`${summary}?`, ...details(subject)].join('\n'),
    requestedSchema: {
      type: 'object',
      properties: {
        confirm: {
          type: 'boolean',
          title: `Yes, ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`,
          description: toolEffect(tool).change,
          default: false,
        },
      },
      required: ['confirm'],
    },
  };
}
