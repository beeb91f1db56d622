/**
 * The sandbox's own control surface under /__sandbox (never part of JumpCloud's API): faults,
 * the request log, and a reset to the seeded state.
 */
import { Router } from '@koa/router';
import getRawBody from 'raw-body';
import type { FaultRegistry, FaultRule } from '../faults.js';
import type { RequestLog } from '../request-log.js';
import type { SandboxState } from '../state.js';

async function readJson(req: Parameters<typeof getRawBody>[0]): Promise<unknown> {
  const raw = await getRawBody(req, { limit: '100kb', encoding: 'utf8' });
  return raw.trim() === '' ? {} : (JSON.parse(raw) as unknown);
}

function toRule(input: unknown): FaultRule {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new TypeError('send a JSON object fault rule');
  const rule = { ...(input as Record<string, unknown>) } as unknown as FaultRule & {
    pathRegex?: string;
  };
  if (typeof rule.pathRegex === 'string') {
    rule.path = new RegExp(rule.pathRegex);
    delete rule.pathRegex;
  }
  return rule;
}

export function controlRouter({
  state,
  faults,
  log,
}: {
  state: SandboxState;
  faults: FaultRegistry;
  log: RequestLog;
}): Router {
  const router = new Router({ prefix: '/__sandbox' });

  router.get('/faults', (ctx) => {
    ctx.body = faults
      .list()
      .map((f) => ({ ...f, path: f.path instanceof RegExp ? f.path.source : f.path }));
  });

  router.post('/faults', async (ctx) => {
    try {
      const body = await readJson(ctx.req);
      const rules = Array.isArray(body) ? body : [body];
      ctx.status = 201;
      ctx.body = { ids: rules.map((r) => faults.set(toRule(r))) };
    } catch (error) {
      ctx.status = 400;
      ctx.body = { message: error instanceof Error ? error.message : 'invalid fault rule' };
    }
  });

  router.delete('/faults', (ctx) => {
    faults.clear(typeof ctx.query.id === 'string' ? ctx.query.id : undefined);
    ctx.status = 204;
  });

  router.get('/requests', (ctx) => {
    ctx.body = log.all();
  });

  router.delete('/requests', (ctx) => {
    log.clear();
    ctx.status = 204;
  });

  router.post('/reset', (ctx) => {
    state.reset();
    faults.clear();
    log.clear();
    ctx.status = 204;
  });

  router.get('/info', (ctx) => {
    const { world } = state;
    ctx.body = { orgs: world.orgIds.map((id) => ({ id, name: world.orgs.get(id)!.name })) };
  });

  return router;
}
