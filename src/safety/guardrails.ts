/**
 * Guardrails that hold whatever the model or the human says: protected users and devices, and a
 * cap on how many objects one call may act on.
 */
import type { ToolDefinition } from '../registry/types.js';
import type { ResolvedTarget } from './resolve-target.js';
import { OBJECT_ID_PATTERN } from '../upstream/path-params.js';

export interface ProtectedObjects {
  /** Lower-cased ids, usernames and emails. */
  users: ReadonlySet<string>;
  /** Lower-cased ids, hostnames and display names. */
  devices: ReadonlySet<string>;
}

export function protectedObjects({
  users,
  devices,
}: {
  users: readonly string[];
  devices: readonly string[];
}): ProtectedObjects {
  const lower = (list: readonly string[]) => new Set(list.map((s) => s.trim().toLowerCase()));
  return { users: lower(users), devices: lower(devices) };
}

function listFor(kind: string, objects: ProtectedObjects): ReadonlySet<string> | undefined {
  if (kind === 'user') return objects.users;
  if (kind === 'device') return objects.devices;
  return undefined;
}

/** Whether names (not only ids) must be known to decide protection for this kind of object. */
export function protectionNeedsNames(kind: string, objects: ProtectedObjects): boolean {
  return (listFor(kind, objects)?.size ?? 0) > 0;
}

/** The ids a call acts on: the target argument, one id or a list of ids. */
export function targetIds(tool: ToolDefinition, args: Record<string, unknown>): string[] {
  if (!tool.target) return [];
  const value = args[tool.target.idArg];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** An object a multi-object call changes besides its target: a user added to a group. */
export interface MemberRef {
  kind: 'user' | 'device';
  id: string;
  /** The argument that lists it. */
  arg: string;
}

/** The member objects a call changes (`target.members`), in argument order. */
export function memberRefs(tool: ToolDefinition, args: Record<string, unknown>): MemberRef[] {
  const members = tool.target?.members;
  if (!members) return [];
  return members.args.flatMap((arg) => {
    const value = args[arg];
    const list = Array.isArray(value) ? value : [];
    return list
      .filter((v): v is string => typeof v === 'string')
      .map((id) => ({ kind: members.kind, id, arg }));
  });
}

/** Refusal text when a multi-object call names no member, or one member twice. */
export function memberArgsReason({
  tool,
  members,
}: {
  tool: ToolDefinition;
  members: readonly MemberRef[];
}): string | undefined {
  const spec = tool.target?.members;
  if (!spec) return undefined;
  if (members.length === 0) {
    return `${tool.name} needs at least one ${spec.kind} id in ${spec.args.map((a) => `'${a}'`).join(' or ')}.`;
  }
  const seen = new Map<string, string>();
  for (const { id, arg } of members) {
    const first = seen.get(id);
    if (first === arg)
      return `The ${spec.kind} id ${id} is listed twice in '${arg}'; list it once.`;
    if (first !== undefined) {
      return `The ${spec.kind} id ${id} is in both '${first}' and '${arg}'; list it in one of them.`;
    }
    seen.set(id, arg);
  }
  return undefined;
}

/** Refusal text for a target id that cannot be an object id ("", ".", "..", "a/b", "%2e"). */
export function invalidIdReason({
  tool,
  ids,
}: {
  tool: ToolDefinition;
  ids: readonly string[];
}): string | undefined {
  if (!tool.target) return undefined;
  const noun = tool.target.kind.replace('_', ' ');
  if (ids.length === 0) {
    return `${tool.name} needs the ${noun} id in '${tool.target.idArg}'.`;
  }
  const bad = ids.find((id) => !OBJECT_ID_PATTERN.test(id));
  if (bad === undefined) return undefined;
  return invalidIdText({ bad, noun, arg: tool.target.idArg });
}

function invalidIdText({ bad, noun, arg }: { bad: string; noun: string; arg: string }): string {
  return (
    `'${arg}' holds ${JSON.stringify(bad.slice(0, 64))}, which is not a ${noun} id: ids are made of letters, digits, '-' and '_' ` +
    `(JumpCloud's are 24 hexadecimal characters). Look the ${noun} up first and pass its id.`
  );
}

/** Refusal text for a member id that cannot be an object id. */
export function invalidMemberIdReason(members: readonly MemberRef[]): string | undefined {
  const bad = members.find((m) => !OBJECT_ID_PATTERN.test(m.id));
  return bad ? invalidIdText({ bad: bad.id, noun: bad.kind, arg: bad.arg }) : undefined;
}

export function tooManyObjects(count: number, max: number): string | undefined {
  if (count <= max) return undefined;
  return `This call acts on ${count} objects; at most ${max} are allowed per call. Split it into smaller calls.`;
}

/** Refusal text when the id, name, email or alias of a target is protected. */
export function protectedReason({
  kind,
  id,
  resolved,
  objects,
}: {
  kind: string;
  id: string;
  resolved?: ResolvedTarget;
  objects: ProtectedObjects;
}): string | undefined {
  const list = listFor(kind, objects);
  if (!list || list.size === 0) return undefined;
  const names = [id, ...(resolved?.aliases ?? [])];
  const hit = names.find((name) => list.has(name.toLowerCase()));
  if (hit === undefined) return undefined;
  const label = hit === id ? `${kind} ${id}` : `${kind} "${hit}" (id ${id})`;
  return `The ${label} is protected by this server's configuration; no tool may change it. An administrator can act on it in the JumpCloud console.`;
}
