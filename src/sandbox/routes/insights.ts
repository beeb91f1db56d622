/** Directory Insights: POST /events (paged with search_after) and POST /events/count. */
import { randomUUID } from 'node:crypto';
import { Router } from '@koa/router';
import type { RequestState, SandboxContext } from '../context.js';
import { parseEventQuery, runEventQuery } from '../insights/event-query.js';
import { SandboxHttpError } from '../query/bad-request.js';
import type { DiEvent, JsonRecord } from '../types.js';

function diBody(ctx: SandboxContext): JsonRecord {
  const fail = (message: string) =>
    new SandboxHttpError({ status: 400, message, body: { message } });
  if (ctx.state.bodyError) throw fail(ctx.state.bodyError);
  const body = ctx.state.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw fail('request body must be a JSON object with service and start_time');
  return body as JsonRecord;
}

/** Events of every organization the request named (MSPs may pass several x-org-id headers). */
function eventsOf(ctx: SandboxContext): DiEvent[] {
  const orgs = ctx.state.orgs;
  if (orgs.length === 1) return orgs[0]!.events;
  return orgs.flatMap((o) => o.events);
}

export function insightsRouter(): Router<RequestState> {
  const router = new Router<RequestState>();

  router.post('/events', (ctx) => {
    const query = parseEventQuery(diBody(ctx), Date.now());
    const { page, last } = runEventQuery(eventsOf(ctx), query);
    ctx.set('X-Result-Count', String(page.length));
    ctx.set('X-Limit', String(query.limit));
    ctx.set('X-Sort', query.sort);
    ctx.set('X-Search_after', JSON.stringify(last ?? query.searchAfter ?? []));
    ctx.set('X-Request-Id', randomUUID());
    ctx.body = page;
  });

  router.post('/events/count', (ctx) => {
    const query = parseEventQuery(diBody(ctx), Date.now());
    const { matched } = runEventQuery(eventsOf(ctx), { ...query, limit: 0, skip: 0 });
    ctx.body = { count: matched };
  });

  return router;
}
