/**
 * Names the objects a mutating call acts on, so a human (or the audit trail) sees "LAPTOP-7
 * (Windows 11)" and "jdoe <jdoe@example.com>", not only ids. Reads through the caller's own
 * upstream client, as the kinds table says (spec, path, id field), and describes the answer with the
 * kind's fields.
 */
import { UpstreamError } from '../upstream/errors.js';
import { unwrap } from '../upstream/unwrap.js';
import type { FetchResult } from '../upstream/unwrap.js';
import { describeObject, fieldText, nounOf } from './object-kinds.js';
import type { ObjectDescription, ObjectKinds } from './object-kinds.js';

export interface ResolvedTarget extends ObjectDescription {
  kind: string;
  id: string;
  /** For a member of a multi-object call: the argument that lists it (`add`, `remove`). */
  role?: string;
  /** What JumpCloud answered for it, for a tool's preflight; never shown or audited as it is. */
  record?: Readonly<Record<string, unknown>>;
}

/** An openapi-fetch client, as far as a lookup by id uses it. */
interface Reader {
  GET(
    path: string,
    init: { params: { path: { id: string } }; signal?: AbortSignal },
  ): Promise<FetchResult<unknown>>;
}

function readerFor(api: unknown, spec: string): Reader | undefined {
  const client = (api as Record<string, { GET?: unknown } | undefined> | undefined)?.[spec];
  return typeof client?.GET === 'function' ? (client as Reader) : undefined;
}

/** Whether objects of this kind can be named (the table says how to look them up). */
export function canResolve(kinds: ObjectKinds, kind: string): boolean {
  return kinds[kind]?.lookup !== undefined;
}

export class TargetLookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetLookupError';
  }
}

/** Looks one object up; throws a TargetLookupError whose message is safe to show the model. */
export async function resolveTarget({
  kinds,
  kind,
  id,
  api,
  signal,
}: {
  kinds: ObjectKinds;
  kind: string;
  id: string;
  api: unknown;
  signal?: AbortSignal;
}): Promise<ResolvedTarget> {
  const entry = kinds[kind];
  const lookup = entry?.lookup;
  if (!entry || !lookup) return { kind, id, aliases: [], state: [] };
  const { noun } = entry;
  const reader = readerFor(api, lookup.spec);
  if (!reader) {
    throw new TargetLookupError(
      `The ${noun} ${id} could not be looked up: no ${lookup.spec.toUpperCase()} API client is available.`,
    );
  }
  let body: unknown;
  try {
    body = unwrap(await reader.GET(lookup.path, { params: { path: { id } }, signal }));
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) {
      throw new TargetLookupError(
        `No ${noun} with id ${id} exists in this organization. Check the id with ${lookup.listTool}.`,
      );
    }
    const detail = error instanceof UpstreamError ? ` ${error.message}` : '';
    throw new TargetLookupError(`The ${noun} ${id} could not be looked up.${detail}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new TargetLookupError(
      `The ${noun} ${id} could not be looked up: JumpCloud sent no details.`,
    );
  }
  const record = body as Record<string, unknown>;
  const described = describeObject(entry, record);
  // Only the object asked for, recognisably of its kind, may stand for the target.
  const answered = fieldText(record, lookup.idField);
  if ((answered !== undefined && answered !== id) || !described.name) {
    throw new TargetLookupError(
      `The ${noun} ${id} could not be looked up: JumpCloud did not answer with that ${noun}.`,
    );
  }
  return { kind, id, ...described, record };
}

/** `device "LAPTOP-7" (Windows 11, id 5f0c...)`, `user "jdoe" (jdoe@example.com, id 5f0c...)`. */
export function targetLabel(kinds: ObjectKinds, target: ResolvedTarget): string {
  const noun = nounOf(kinds, target.kind);
  if (!target.name) return `${noun} ${target.id}`;
  const detail = target.detail && target.detail !== target.name ? `${target.detail}, ` : '';
  return `${noun} "${target.name}" (${detail}id ${target.id})`;
}
