/**
 * Guardrails that hold whatever the model or the human says: protected users and devices, and a
 * cap on how many objects one call may act on.
 */
import type { ToolDefinition } from '../registry/types.js';
import type { ResolvedTarget } from './resolve-target.js';

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
