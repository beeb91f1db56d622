/**
 * Names the objects a mutating call acts on, so a human (or the audit trail) sees "LAPTOP-7
 * (Windows 11)" and "jdoe <jdoe@example.com>", not only ids. Reads through the caller's own
 * upstream client: V1 GET /systems/{id} and GET /systemusers/{id}.
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

function hasV1Reader(api: unknown): api is V1Reader {
  const v1 = (api as { v1?: { GET?: unknown } } | undefined)?.v1;
  return typeof v1?.GET === 'function';
}

/** Kinds this module can name. Other kinds are shown by id only. */
export function canResolve(kind: ToolTarget['kind']): boolean {
  return kind === 'device' || kind === 'user';
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
  if (!canResolve(kind)) return { kind, id, aliases: [], state: [] };
  const noun = kind === 'device' ? 'device' : 'user';
  if (!hasV1Reader(api)) {
    throw new TargetLookupError(
      `The ${noun} ${id} could not be looked up: no V1 API client is available.`,
    );
  }
  const path = kind === 'device' ? '/systems/{id}' : '/systemusers/{id}';
  let body: unknown;
  try {
    body = unwrap(await api.v1.GET(path, { params: { path: { id } }, signal }));
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) {
      throw new TargetLookupError(
        `No ${noun} with id ${id} exists in this organization. Check the id with ${kind === 'device' ? 'devices_list' : 'users_list'}.`,
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
  const target = kind === 'device' ? describeDevice(id, record) : describeUser(id, record);
  // Only the object asked for, recognisably a device or user, may stand for the target.
  if ((record._id !== undefined && record._id !== id) || !target.name) {
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
