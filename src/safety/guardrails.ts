/**
 * Guardrails that hold whatever the model or the human says: protected objects, well-formed ids,
 * and a cap on how many objects one call may act on.
 */
import type { ToolDefinition } from '../registry/types.js';
import { notAnIdText, OBJECT_ID_PATTERN } from '../upstream/path-params.js';
import { nounOf } from './object-kinds.js';
import type { ObjectKinds } from './object-kinds.js';
import type { ResolvedTarget } from './resolve-target.js';

/** Protected list name (a kind's `protectedBy`) -> lower-cased ids and names. */
export type ProtectedObjects = Readonly<Record<string, ReadonlySet<string>>>;

export function protectedObjects(lists: Record<string, readonly string[]>): ProtectedObjects {
  return Object.fromEntries(
    Object.entries(lists).map(([name, list]) => [
      name,
      new Set(list.map((s) => s.trim().toLowerCase())),
    ]),
  );
}

export interface Protection {
  kinds: ObjectKinds;
  objects: ProtectedObjects;
}

function listFor(kind: string, { kinds, objects }: Protection): ReadonlySet<string> | undefined {
  const list = kinds[kind]?.protectedBy;
  return list === undefined ? undefined : objects[list];
}

/** Whether names (not only ids) must be known to decide protection for this kind of object. */
export function protectionNeedsNames(kind: string, protection: Protection): boolean {
  return (listFor(kind, protection)?.size ?? 0) > 0;
}

/** The ids a call acts on: the target argument (one id or a list of ids), or a bulk call's `ids`. */
export function targetIds(tool: ToolDefinition, args: Record<string, unknown>): string[] {
  if (!tool.target) return [];
  const value = args[tool.target.idArg] ?? (tool.bulk ? args[tool.bulk.ids] : undefined);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** An object a multi-object call changes besides its target: a user added to a group. */
export interface MemberRef {
  kind: string;
  id: string;
  /** The argument that lists it. */
  arg: string;
}

/** The member objects a call changes (`target.members`), in argument order. */
export function memberRefs(tool: ToolDefinition, args: Record<string, unknown>): MemberRef[] {
  const members = tool.target?.members ?? {};
  return Object.entries(members).flatMap(([arg, kind]) => {
    const value = args[arg];
    const list = Array.isArray(value) ? value : [];
    return list.filter((v): v is string => typeof v === 'string').map((id) => ({ kind, id, arg }));
  });
}

/** "user" when every member argument lists one kind; "object" when they list several. */
function memberNoun(members: Record<string, string>, kinds: ObjectKinds): string {
  const listed = [...new Set(Object.values(members))];
  return listed.length === 1 ? nounOf(kinds, listed[0] as string) : 'object';
}

/**
 * Refusal text when a multi-object call lists something other than ids, names no member, or one
 * member twice.
 */
export function memberArgsReason({
  tool,
  args,
  members,
  kinds,
}: {
  tool: ToolDefinition;
  args: Record<string, unknown>;
  members: readonly MemberRef[];
  kinds: ObjectKinds;
}): string | undefined {
  const spec = tool.target?.members;
  if (!spec) return undefined;
  for (const [arg, kind] of Object.entries(spec)) {
    const value = args[arg];
    if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === 'string')))
      return `'${arg}' must be a list of ${nounOf(kinds, kind)} ids (strings).`;
  }
  if (members.length === 0) {
    const names = Object.keys(spec).map((a) => `'${a}'`);
    const listed =
      names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
    return `${tool.name} needs at least one ${memberNoun(spec, kinds)} id in ${listed}.`;
  }
  const seen = new Map<string, string>();
  for (const { kind, id, arg } of members) {
    const key = `${kind}\n${id}`;
    const first = seen.get(key);
    const noun = nounOf(kinds, kind);
    const shown = JSON.stringify(id.slice(0, 64));
    if (first === arg) return `The ${noun} id ${shown} is listed twice in '${arg}'; list it once.`;
    if (first !== undefined) {
      return `The ${noun} id ${shown} is in both '${first}' and '${arg}'; list it in one of them.`;
    }
    seen.set(key, arg);
  }
  return undefined;
}

/** Refusal text for a target id that cannot be an object id ("", ".", "..", "a/b", "%2e"). */
export function invalidIdReason({
  tool,
  ids,
  kinds,
}: {
  tool: ToolDefinition;
  ids: readonly string[];
  kinds: ObjectKinds;
}): string | undefined {
  if (!tool.target) return undefined;
  const noun = nounOf(kinds, tool.target.kind);
  if (ids.length === 0) {
    return `${tool.name} needs the ${noun} id in '${tool.target.idArg}'.`;
  }
  const bad = ids.find((id) => !OBJECT_ID_PATTERN.test(id));
  if (bad === undefined) return undefined;
  return invalidIdText({ bad, noun, arg: tool.target.idArg });
}

function invalidIdText({ bad, noun, arg }: { bad: string; noun: string; arg: string }): string {
  return notAnIdText({ arg, value: bad, noun });
}

/** Refusal text for a member id that cannot be an object id. */
export function invalidMemberIdReason(
  members: readonly MemberRef[],
  kinds: ObjectKinds,
): string | undefined {
  const bad = members.find((m) => !OBJECT_ID_PATTERN.test(m.id));
  return bad
    ? invalidIdText({ bad: bad.id, noun: nounOf(kinds, bad.kind), arg: bad.arg })
    : undefined;
}

export function tooManyObjects(count: number, max: number): string | undefined {
  if (count <= max) return undefined;
  return `This call acts on ${count} objects; at most ${max} are allowed per call. Split it into smaller calls.`;
}

/** Refusal text when the id, name, email or alias of a target is protected. */
export function protectedReason({
  target,
  protection,
}: {
  /** The object, with its aliases once it has been looked up. */
  target: Pick<ResolvedTarget, 'kind' | 'id' | 'aliases'>;
  protection: Protection;
}): string | undefined {
  const { kind, id } = target;
  const list = listFor(kind, protection);
  if (!list || list.size === 0) return undefined;
  const hit = [id, ...target.aliases].find((name) => list.has(name.toLowerCase()));
  if (hit === undefined) return undefined;
  const noun = nounOf(protection.kinds, kind);
  const label = hit === id ? `${noun} ${id}` : `${noun} "${hit}" (id ${id})`;
  return `The ${label} is protected by this server's configuration; no tool may change it. An administrator can act on it in the JumpCloud console.`;
}
