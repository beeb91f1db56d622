/** Small helpers every sandbox route shares: bodies, lookups, V2 list replies, audit events. */
import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import { makeEvent } from '../insights/make-event.js';
import { badRequest, notFound } from '../query/bad-request.js';
import type { DiEvent, JsonRecord, OrgData } from '../types.js';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** The JSON object body, `{}` when none was sent; 400 when it is not a JSON object. */
export function jsonBody(ctx: SandboxContext): JsonRecord {
  if (ctx.state.bodyError) throw badRequest(ctx.state.bodyError);
  const body = ctx.state.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw badRequest('request body must be a JSON object');
  return body as JsonRecord;
}

export function param(ctx: SandboxContext, name: string): string {
  return ctx.params[name] ?? '';
}

/** 400 unless `id` is an object id (24 hexadecimal characters). */
export function assertObjectId(id: string, kind: string): void {
  if (!OBJECT_ID.test(id))
    throw badRequest(`${kind} id "${id}" is not a valid object id (24 hexadecimal characters)`);
}

/** Finds a record by id in a collection; 400 for a malformed id, 404 when absent. */
export function findById<T extends object>({
  records,
  id,
  idField,
  kind,
}: {
  records: readonly T[];
  id: string;
  idField: keyof T;
  kind: string;
}): T {
  assertObjectId(id, kind);
  const found = records.find((r) => r[idField] === id);
  if (!found) throw notFound(kind, id);
  return found;
}

export function sendV2List(
  ctx: SandboxContext,
  { results, totalCount }: { results: unknown[]; totalCount: number },
): void {
  ctx.set('x-total-count', String(totalCount));
  ctx.body = results;
}

/** A JSON string reply, for operations whose 200 response is `type: string`. */
export function sendJsonString(ctx: SandboxContext, text: string): void {
  ctx.status = 200;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(text);
}

/** Writes a Directory Insights event for something this request did, as the key's administrator. */
export function recordEvent(
  ctx: SandboxContext,
  event: { service?: string; eventType: string; resource?: JsonRecord; extra?: JsonRecord },
): DiEvent {
  return appendEvent(ctx.state.org, {
    ...event,
    adminEmail: ctx.state.key.adminEmail,
    userAgent: ctx.get('user-agent') || 'unknown',
    clientIp: ctx.ip,
  });
}

/**
 * Writes a Directory Insights event initiated by one of the organization's administrators, also
 * outside a request (a scheduled job that comes due).
 */
export function appendEvent(
  org: OrgData,
  {
    service = 'directory',
    eventType,
    resource,
    extra = {},
    adminEmail,
    userAgent,
    clientIp,
  }: {
    service?: string;
    eventType: string;
    resource?: JsonRecord;
    extra?: JsonRecord;
    adminEmail: string;
    userAgent: string;
    clientIp?: string;
  },
): DiEvent {
  const admin = org.admins.find((a) => a.email === adminEmail) ?? org.admins[0]!;
  const event = makeEvent({
    id: randomUUID(),
    orgId: org.id,
    service,
    eventType,
    timestamp: new Date().toISOString(),
    initiator: { id: admin._id, type: 'admin', email: admin.email },
    ...(resource ? { resource } : {}),
    userAgent,
    ...(clientIp ? { clientIp } : {}),
    extra: { auth_method: 'api-key', ...extra },
  });
  // Keep events sorted by timestamp (a fixed seed time may lie in the future).
  let index = org.events.length;
  while (index > 0 && org.events[index - 1]!.timestamp > event.timestamp) index -= 1;
  org.events.splice(index, 0, event);
  return event;
}
