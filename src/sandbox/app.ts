/** Composes the sandbox's Koa app: V1 under /api, V2 under /api/v2, Directory Insights, and /__sandbox. */
import { Router } from '@koa/router';
import Koa from 'koa';
import { runDueStates } from './bulk/user-states.js';
import type { RequestState } from './context.js';
import type { FaultRegistry } from './faults.js';
import { authorize } from './middleware/authorize.js';
import { handleErrors } from './middleware/handle-errors.js';
import { injectFaults } from './middleware/inject-faults.js';
import { recordRequest } from './middleware/record-request.js';
import type { RequestLog } from './request-log.js';
import { controlRouter } from './routes/control.js';
import { insightsRouter } from './routes/insights.js';
import { oauthTokenRouter } from './routes/oauth-token.js';
import { v1DirectoryRouter } from './routes/v1-directory.js';
import { v1SystemsRouter } from './routes/v1-systems.js';
import { v1SystemusersRouter } from './routes/v1-systemusers.js';
import { v2AppleMdmsRouter } from './routes/v2-applemdms.js';
import { v2AssociationsRouter } from './routes/v2-associations.js';
import { v2BulkRouter } from './routes/v2-bulk.js';
import { v2GroupsRouter } from './routes/v2-groups.js';
import { v2ResourcesRouter } from './routes/v2-resources.js';
import { v2TraversalRouter } from './routes/v2-traversal.js';
import type { SandboxState } from './state.js';

function apiRouter(): Router<RequestState> {
  const api = new Router<RequestState>();
  const v2 = new Router<RequestState>();
  for (const r of [
    v2GroupsRouter(),
    v2ResourcesRouter(),
    v2AppleMdmsRouter(),
    v2AssociationsRouter(),
    v2TraversalRouter(),
    v2BulkRouter(),
  ])
    v2.use(r.routes());
  api.use('/api/v2', v2.routes());
  const v1 = new Router<RequestState>();
  for (const r of [v1SystemusersRouter(), v1SystemsRouter(), v1DirectoryRouter()])
    v1.use(r.routes());
  api.use('/api', v1.routes());
  api.use('/insights/directory/v1', insightsRouter().routes());
  return api;
}

export function createSandboxApp({
  state,
  faults,
  log,
}: {
  state: SandboxState;
  faults: FaultRegistry;
  log: RequestLog;
}): Koa<RequestState> {
  const app = new Koa<RequestState>();
  app.proxy = false;
  app.silent = true;
  const api = apiRouter();
  app.use(controlRouter({ state, faults, log }).routes());
  app.use(oauthTokenRouter(state).routes());
  app.use(recordRequest(log));
  app.use(handleErrors());
  app.use(injectFaults(faults));
  app.use(async (ctx, next) => {
    if (!/^\/(api|insights)(\/|$)/.test(ctx.path)) return next();
    return authorize(state)(ctx, next);
  });
  // Scheduled user state changes whose date has come run before the request is served.
  app.use(async (ctx, next) => {
    for (const org of ctx.state.orgs ?? []) runDueStates(org, Date.now());
    await next();
  });
  app.use(api.routes());
  app.use(api.allowedMethods());
  return app;
}
