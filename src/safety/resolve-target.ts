/**
 * Names the objects a mutating call acts on, so a human (or the audit trail) sees "LAPTOP-7
 * (Windows 11)" and "jdoe <jdoe@example.com>", not only ids. Reads through the caller's own
 * upstream client: V1 GET /systems/{id} and GET /systemusers/{id}, V2 GET /usergroups/{id} and
 * GET /systemgroups/{id}.
 */
import type { ToolTarget } from '../registry/types.js';
import { UpstreamError } from '../upstream/errors.js';
import { unwrap } from '../upstream/unwrap.js';
import type { FetchResult } from '../upstream/unwrap.js';

export interface ResolvedTarget {
  kind: ToolTarget['kind'];
  id: string;
  /** Hostname for a device, username for a user. */
  name?: string;
  email?: string;
  /** What tells it apart at a glance: a device's OS, a user's email. */
  detail?: string;
  /** Other names the object answers to (a device's display name), for protection checks. */
  aliases: string[];
  /** Current state, for previews: label -> value. */
  state: Array<[string, string]>;
  /** For a member of a multi-object call: the argument that lists it (`add`, `remove`). */
  role?: string;
}

/** The part of the typed upstream client this module uses (openapi-fetch `client.GET`). */
interface V1Reader {
  v1: {
    GET(
      path: '/systems/{id}' | '/systemusers/{id}',
      init: { params: { path: { id: string } }; signal?: AbortSignal },
    ): Promise<FetchResult<unknown>>;
  };
}

interface V2Reader {
  v2: {
    GET(
      path: '/usergroups/{id}' | '/systemgroups/{id}',
      init: { params: { path: { id: string } }; signal?: AbortSignal },
    ): Promise<FetchResult<unknown>>;
  };
}

function hasReader(api: unknown, spec: 'v1' | 'v2'): boolean {
  const client = (api as Record<string, { GET?: unknown } | undefined> | undefined)?.[spec];
  return typeof client?.GET === 'function';
}

type Kind = ToolTarget['kind'];

const LOOKUPS: Partial<
  Record<Kind, { spec: 'v1' | 'v2'; path: string; noun: string; listTool: string }>
> = {
  device: { spec: 'v1', path: '/systems/{id}', noun: 'device', listTool: 'devices_list' },
  user: { spec: 'v1', path: '/systemusers/{id}', noun: 'user', listTool: 'users_list' },
  user_group: {
    spec: 'v2',
    path: '/usergroups/{id}',
    noun: 'user group',
    listTool: 'user_groups_list',
  },
  device_group: {
    spec: 'v2',
    path: '/systemgroups/{id}',
    noun: 'device group',
    listTool: 'device_groups_list',
  },
};

/** Kinds this module can name. Other kinds are shown by id only. */
export function canResolve(kind: Kind): boolean {
  return LOOKUPS[kind] !== undefined;
}

export class TargetLookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetLookupError';
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function yesNo(value: unknown): string | undefined {
  return typeof value === 'boolean' ? (value ? 'yes' : 'no') : undefined;
}

function compact(pairs: Array<[string, string | undefined]>): Array<[string, string]> {
  return pairs.filter((pair): pair is [string, string] => pair[1] !== undefined);
}

function describeDevice(id: string, body: Record<string, unknown>): ResolvedTarget {
  const os = [text(body.os), text(body.version)].filter(Boolean).join(' ') || undefined;
  const hostname = text(body.hostname);
  const displayName = text(body.displayName);
  return {
    kind: 'device',
    id,
    name: hostname ?? displayName,
    detail: os,
    aliases: [hostname, displayName].filter((v): v is string => v !== undefined),
    state: compact([
      ['hostname', hostname],
      ['display name', displayName],
      ['OS', os],
      ['serial number', text(body.serialNumber)],
      ['online', yesNo(body.active)],
      ['last contact', text(body.lastContact)],
    ]),
  };
}

function describeUser(id: string, body: Record<string, unknown>): ResolvedTarget {
  const username = text(body.username);
  const email = text(body.email);
  const fullName =
    [text(body.firstname), text(body.lastname)].filter(Boolean).join(' ') || undefined;
  const mfa = body.mfa as { configured?: unknown } | undefined;
  return {
    kind: 'user',
    id,
    name: username,
    email,
    detail: email,
    aliases: [username, email].filter((v): v is string => v !== undefined),
    state: compact([
      ['username', username],
      ['email', email],
      ['name', fullName],
      ['state', text(body.state)],
      ['suspended', yesNo(body.suspended)],
      ['account locked', yesNo(body.account_locked)],
      ['MFA configured', yesNo(mfa?.configured)],
      ['password expired', yesNo(body.password_expired)],
    ]),
  };
}

function describeGroup({ kind, id, body }: Described): ResolvedTarget {
  const name = text(body.name);
  return {
    kind,
    id,
    name,
    detail: text(body.description),
    aliases: name ? [name] : [],
    state: compact([
      ['name', name],
      ['membership', text(body.membershipMethod)],
    ]),
  };
}

/** One object as JumpCloud answered it. */
interface Described {
  kind: Kind;
  id: string;
  body: Record<string, unknown>;
}

function describe({ kind, id, body }: Described): ResolvedTarget {
  if (kind === 'device') return describeDevice(id, body);
  if (kind === 'user') return describeUser(id, body);
  return describeGroup({ kind, id, body });
}

/** Looks one object up; throws a TargetLookupError whose message is safe to show the model. */
export async function resolveTarget({
  kind,
  id,
  api,
  signal,
}: {
  kind: ToolTarget['kind'];
  id: string;
  api: unknown;
  signal?: AbortSignal;
}): Promise<ResolvedTarget> {
  const lookup = LOOKUPS[kind];
  if (!lookup) return { kind, id, aliases: [], state: [] };
  const { noun, spec } = lookup;
  if (!hasReader(api, spec)) {
    throw new TargetLookupError(
      `The ${noun} ${id} could not be looked up: no ${spec.toUpperCase()} API client is available.`,
    );
  }
  let body: unknown;
  try {
    const init = { params: { path: { id } }, signal };
    body = unwrap(
      spec === 'v1'
        ? await (api as V1Reader).v1.GET(lookup.path as '/systems/{id}', init)
        : await (api as V2Reader).v2.GET(lookup.path as '/usergroups/{id}', init),
    );
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
  const target = describe({ kind, id, body: record });
  // Only the object asked for, recognisably of its kind, may stand for the target.
  const answered = record._id ?? (spec === 'v2' ? record.id : undefined);
  if ((answered !== undefined && answered !== id) || !target.name) {
    throw new TargetLookupError(
      `The ${noun} ${id} could not be looked up: JumpCloud did not answer with that ${noun}.`,
    );
  }
  return target;
}

/** `device "LAPTOP-7" (Windows 11, id 5f0c...)`, `user "jdoe" (jdoe@example.com, id 5f0c...)`. */
export function targetLabel(target: ResolvedTarget): string {
  const noun = target.kind.replace('_', ' ');
  if (!target.name) return `${noun} ${target.id}`;
  const detail = target.detail && target.detail !== target.name ? `${target.detail}, ` : '';
  return `${noun} "${target.name}" (${detail}id ${target.id})`;
}
