/**
 * V2 direct associations of applications and systems (`GET|POST /{kind}/{id}/associations`).
 * GET needs `targets`. POST `{op: add|remove, type, id}` answers 204; adding an association that
 * exists is 409 (`Already Exists`), removing one that does not is 404, as is naming an unknown
 * object; a type the resource cannot be associated with, or a malformed id, is 400. Each change
 * writes an `association_change` event.
 */
import { Router } from '@koa/router';
import type { RequestState, SandboxContext } from '../context.js';
import { badRequest, notFound, SandboxHttpError } from '../query/bad-request.js';
import { listV2 } from '../query/v2-list.js';
import type { JsonRecord, OrgData } from '../types.js';
import { assertObjectId, jsonBody, param, recordEvent, sendV2List } from './route-helpers.js';

/** One kind of object an application or system can be associated with, and where that lives. */
interface TargetSlot {
  /** The associated ids, by resource id. */
  bindings(org: OrgData): Map<string, string[]>;
  /** The name JumpCloud shows for an associated object; undefined when there is none such. */
  nameOf(org: OrgData, id: string): string | undefined;
}

interface ResourceKind {
  type: 'application' | 'system';
  param: string;
  find(org: OrgData, id: string): { id: string; name: string } | undefined;
  /** Every target type the spec allows (GraphOperation-<Kind>); the sandbox holds `slots`. */
  allowed: readonly string[];
  slots: Record<string, TargetSlot>;
}

const userSlot = (bindings: (org: OrgData) => Map<string, string[]>): TargetSlot => ({
  bindings,
  nameOf: (org, id) => org.users.find((u) => u._id === id)?.username,
});
const groupSlot = (bindings: (org: OrgData) => Map<string, string[]>): TargetSlot => ({
  bindings,
  nameOf: (org, id) => org.userGroups.find((g) => g.id === id)?.name,
});

const APPLICATION: ResourceKind = {
  type: 'application',
  param: 'application_id',
  find: (org, id) => {
    const app = org.applications.find((a) => a._id === id);
    return app && { id: app._id, name: app.displayLabel };
  },
  allowed: ['agent_group', 'user', 'user_group'],
  slots: {
    user: userSlot((org) => org.applicationUsers),
    user_group: groupSlot((org) => org.applicationGroups),
  },
};

const SYSTEM: ResourceKind = {
  type: 'system',
  param: 'system_id',
  find: (org, id) => {
    const system = org.systems.find((s) => s._id === id);
    return system && { id: system._id, name: system.displayName ?? system.hostname };
  },
  allowed: ['command', 'policy', 'policy_group', 'user', 'user_group'],
  slots: {
    user: userSlot((org) => org.systemUsers),
    user_group: groupSlot((org) => org.systemUserGroups),
  },
};

function resourceOf(ctx: SandboxContext, kind: ResourceKind): { id: string; name: string } {
  const id = param(ctx, kind.param);
  assertObjectId(id, kind.type);
  const found = kind.find(ctx.state.org, id);
  if (!found) throw notFound(kind.type, id);
  return found;
}

function targetsOf(ctx: SandboxContext, kind: ResourceKind): string[] {
  const raw = ctx.query.targets;
  const targets = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .flatMap((t) => String(t).split(','))
    .filter(Boolean);
  if (targets.length === 0)
    throw badRequest(`targets is required: one or more of ${kind.allowed.join(', ')}`);
  const bad = targets.find((t) => !kind.allowed.includes(t));
  if (bad) throw badRequest(`targets "${bad}" is not one of ${kind.allowed.join(', ')}`);
  return targets;
}

function list(ctx: SandboxContext, kind: ResourceKind): void {
  const resource = resourceOf(ctx, kind);
  const records = targetsOf(ctx, kind).flatMap((type) => {
    const slot = kind.slots[type];
    const ids = slot?.bindings(ctx.state.org).get(resource.id) ?? [];
    return ids.map((id) => ({ attributes: null, to: { attributes: null, id, type } }));
  });
  sendV2List(ctx, listV2({ records, query: ctx.query }));
}

function change(ctx: SandboxContext, kind: ResourceKind): void {
  const resource = resourceOf(ctx, kind);
  const { op, type, id } = jsonBody(ctx);
  if (op !== 'add' && op !== 'remove' && op !== 'update')
    throw badRequest('op must be "add", "remove" or "update"');
  if (typeof type !== 'string' || !kind.allowed.includes(type))
    throw badRequest(`type must be one of ${kind.allowed.join(', ')}`);
  const slot = kind.slots[type];
  if (!slot) throw badRequest(`the sandbox holds no ${type} associations of a ${kind.type}`);
  if (typeof id !== 'string') throw badRequest('id must be an object id (a string)');
  assertObjectId(id, type);
  const org = ctx.state.org;
  const name = slot.nameOf(org, id);
  if (name === undefined) throw notFound(type, id);
  const bindings = slot.bindings(org);
  const current = bindings.get(resource.id) ?? [];
  const bound = current.includes(id);
  if (op === 'add' && bound) throw new SandboxHttpError({ status: 409, message: 'Already Exists' });
  if (op !== 'add' && !bound) throw notFound(`${type} association`, id);
  if (op !== 'update')
    bindings.set(resource.id, op === 'add' ? [...current, id] : current.filter((m) => m !== id));
  const from: JsonRecord = { object_id: resource.id, type: kind.type, name: resource.name };
  recordEvent(ctx, {
    eventType: 'association_change',
    resource: { type: kind.type, id: resource.id, name: resource.name },
    extra: { association: { op, connection: { from, to: { object_id: id, type, name } } } },
  });
  ctx.status = 204;
}

export function v2AssociationsRouter(): Router<RequestState> {
  const router = new Router<RequestState>();
  router.get('/applications/:application_id/associations', (ctx) => list(ctx, APPLICATION));
  router.post('/applications/:application_id/associations', (ctx) => change(ctx, APPLICATION));
  router.get('/systems/:system_id/associations', (ctx) => list(ctx, SYSTEM));
  router.post('/systems/:system_id/associations', (ctx) => change(ctx, SYSTEM));
  return router;
}
