/** V1 applications, commands, command results and administrators (the undocumented GET /users). */
import { Router } from '@koa/router';
import type { RequestState } from '../context.js';
import { parsePaging } from '../query/paging.js';
import { projectFields } from '../query/record-path.js';
import { listV1 } from '../query/v1-list.js';
import type { Command } from '../types.js';
import { findById, param } from './route-helpers.js';

const COMMAND_LIST_FIELDS = [
  'command',
  'commandType',
  'launchType',
  'listensTo',
  'name',
  'organization',
  'schedule',
  'scheduleRepeatType',
  'trigger',
  'description',
  'aiGenerated',
  'templatingRequired',
] as const;

const commandSummary = (c: Command) => projectFields(c, COMMAND_LIST_FIELDS, '_id');

export function v1DirectoryRouter(): Router<RequestState> {
  const router = new Router<RequestState>();

  router.get('/applications', (ctx) => {
    ctx.body = listV1({
      records: ctx.state.org.applications,
      query: ctx.query,
      headers: ctx.headers,
      searchFields: ['name', 'displayName', 'displayLabel'],
    });
  });

  router.get('/applications/:id', (ctx) => {
    ctx.body = findById({
      records: ctx.state.org.applications,
      id: param(ctx, 'id'),
      idField: '_id',
      kind: 'application',
    });
  });

  router.get('/commands', (ctx) => {
    ctx.body = listV1({
      records: ctx.state.org.commands.map(commandSummary),
      query: ctx.query,
      headers: ctx.headers,
      searchFields: ['name', 'command'],
    });
  });

  router.get('/commands/:id', (ctx) => {
    const command = findById({
      records: ctx.state.org.commands,
      id: param(ctx, 'id'),
      idField: '_id',
      kind: 'command',
    });
    const fields =
      typeof ctx.query.fields === 'string' ? ctx.query.fields.split(/[\s,]+/).filter(Boolean) : [];
    // The spec's command object carries no _id (the caller already knows it).
    const { _id: _omitted, ...rest } = command;
    ctx.body = fields.length > 0 ? projectFields(rest, fields, 'name') : rest;
  });

  router.get('/commands/:id/results', (ctx) => {
    const command = findById({
      records: ctx.state.org.commands,
      id: param(ctx, 'id'),
      idField: '_id',
      kind: 'command',
    });
    const { limit, skip } = parsePaging(ctx.query);
    const runs = ctx.state.org.commandRunResults.get(command._id) ?? [];
    ctx.body = runs.slice(skip, skip + limit);
  });

  router.get('/commandresults', (ctx) => {
    ctx.body = listV1({
      records: ctx.state.org.commandResults,
      query: ctx.query,
      headers: ctx.headers,
      searchFields: ['name', 'system', 'command'],
    });
  });

  router.get('/users', (ctx) => {
    ctx.body = listV1({
      records: ctx.state.org.admins,
      query: ctx.query,
      headers: ctx.headers,
      searchFields: ['email', 'firstname', 'lastname'],
    });
  });

  return router;
}
