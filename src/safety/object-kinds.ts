/**
 * What the safety layer knows about a kind of object, given to createSafety as a table: how people
 * call it, how to look one up, which fields name it in a preview, and which protected list covers
 * it. The table itself belongs to the product (src/jumpcloud/kinds.ts); nothing here names a path,
 * a field or a tool of a particular API.
 */

/** A field of the looked-up object: a dotted path, or several whose values are joined by spaces. */
export type FieldRef = string | readonly string[];

export interface ObjectLookup {
  /** The upstream client to read with (a key of the call's `api`, an openapi-fetch client). */
  spec: string;
  /** GET path with an `{id}` placeholder. */
  path: string;
  /** The field of the answer that holds the object's id: it must be the id asked for. */
  idField: string;
  /** The tool that lists objects of this kind, suggested when an id does not exist. */
  listTool: string;
}

/** How to list the members of a group: a paged GET of records that carry each member's `id`. */
export interface MemberListing {
  /** The kind of object its members are. */
  kind: string;
  /** The upstream client to read with (a key of the call's `api`). */
  spec: string;
  /** GET path with one placeholder, filled with the group's id. */
  path: string;
  /** The name of that placeholder. */
  param: string;
}

export interface ObjectKind {
  /** How people call it, singular: "user group". */
  noun: string;
  /** Plural, when not the noun plus "s": "policies". */
  plural?: string;
  /** How to look one up by id; without it, objects of this kind are shown and audited by id only. */
  lookup?: ObjectLookup;
  /** Fields tried in order for its name (a hostname, a username); a lookup must find one. */
  name: readonly string[];
  /** Its email, when it has one (kept in the audit record). */
  email?: string;
  /** What tells it apart at a glance, after its name: an OS, an email. */
  detail?: FieldRef;
  /** Fields whose values are other names it answers to, for protection checks. */
  aliases: readonly string[];
  /** Its current state in a preview, as label and field; booleans read yes/no. */
  state: ReadonlyArray<readonly [label: string, field: FieldRef]>;
  /** The configured protected list that covers it (`users`, `devices`), matched by id and alias. */
  protectedBy?: string;
  /** For a group: how to list its members (a bulk call's `group_id` acts on each). */
  members?: MemberListing;
}

/** Kind name (the `target.kind` of a tool) -> what is known about it. */
export type ObjectKinds = Readonly<Record<string, ObjectKind>>;

/** One object as a preview and the audit trail name it. */
export interface ObjectDescription {
  name?: string;
  email?: string;
  detail?: string;
  aliases: string[];
  state: Array<[string, string]>;
}

function at(body: Record<string, unknown>, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return undefined;
}

export function fieldText(body: Record<string, unknown>, field: FieldRef): string | undefined {
  const paths: readonly string[] = typeof field === 'string' ? [field] : field;
  const parts = paths.map((p) => text(at(body, p))).filter((v): v is string => v !== undefined);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function describeObject(kind: ObjectKind, body: Record<string, unknown>): ObjectDescription {
  const present = (fields: readonly string[]) =>
    fields.map((f) => fieldText(body, f)).filter((v): v is string => v !== undefined);
  const description: ObjectDescription = {
    aliases: [...new Set(present(kind.aliases))],
    state: kind.state.flatMap(([label, field]) => {
      const value = fieldText(body, field);
      return value === undefined ? [] : [[label, value] as [string, string]];
    }),
  };
  const name = present(kind.name)[0];
  if (name !== undefined) description.name = name;
  const email = kind.email === undefined ? undefined : fieldText(body, kind.email);
  if (email !== undefined) description.email = email;
  const detail = kind.detail === undefined ? undefined : fieldText(body, kind.detail);
  if (detail !== undefined) description.detail = detail;
  return description;
}

/** The noun of a kind, or the kind name made readable when the table does not know it. */
export function nounOf(kinds: ObjectKinds, kind: string): string {
  return kinds[kind]?.noun ?? kind.replace(/_/g, ' ');
}

/** "2 devices", "1 policy", "3 policies". */
export function countOf({
  kinds,
  kind,
  count,
}: {
  kinds: ObjectKinds;
  kind: string;
  count: number;
}): string {
  const noun = nounOf(kinds, kind);
  return `${count} ${count === 1 ? noun : (kinds[kind]?.plural ?? `${noun}s`)}`;
}
