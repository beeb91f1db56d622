/** V1 /systems: list, search, get, update, and built-in device commands for Windows and Linux. */
import { Router } from '@koa/router';
import type { RequestState, SandboxContext } from '../context.js';
import { badRequest } from '../query/bad-request.js';
import { projectFields } from '../query/record-path.js';
import { listV1 } from '../query/v1-list.js';
import type { System } from '../types.js';
import { DEVICE_COMMANDS, type DeviceCommand, queueDeviceCommand } from './device-commands.js';
import { findById, jsonBody, param, recordEvent } from './route-helpers.js';

export const SYSTEM_SEARCH_FIELDS = [
  'hostname',
  'displayName',
  'serialNumber',
  'os',
  'version',
] as const;

const UPDATABLE: Record<string, 'boolean' | 'string' | 'array'> = {
  displayName: 'string',
  allowMultiFactorAuthentication: 'boolean',
  allowPublicKeyAuthentication: 'boolean',
  allowSshPasswordAuthentication: 'boolean',
  allowSshRootLogin: 'boolean',
  attributes: 'array',
  tags: 'array',
  agentBoundMessages: 'array',
};

function systemOf(ctx: SandboxContext, name = 'id'): System {
  return findById({
    records: ctx.state.org.systems,
    id: param(ctx, name),
    idField: '_id',
    kind: 'system',
  });
}

export function v1SystemsRouter(): Router<RequestState> {
  const router = new Router<RequestState>();

  router.get('/systems', (ctx) => {
    ctx.body = listV1({
      records: ctx.state.org.systems,
      query: ctx.query,
      headers: ctx.headers,
      searchFields: SYSTEM_SEARCH_FIELDS,
    });
  });

  router.post('/search/systems', (ctx) => {
    ctx.body = listV1({
      records: ctx.state.org.systems,
      query: ctx.query,
      headers: ctx.headers,
      body: jsonBody(ctx),
      searchFields: SYSTEM_SEARCH_FIELDS,
    });
  });

  router.get('/systems/:id', (ctx) => {
    const fields =
      typeof ctx.query.fields === 'string' ? ctx.query.fields.split(/[\s,]+/).filter(Boolean) : [];
    ctx.body = projectFields(systemOf(ctx), fields, '_id');
  });

  router.put('/systems/:id', (ctx) => {
    const system = systemOf(ctx);
    const body = jsonBody(ctx);
    const changes: { field: string; from: string; to: string }[] = [];
    for (const [key, value] of Object.entries(body)) {
      const kind = UPDATABLE[key];
      if (!kind)
        throw badRequest(
          `field "${key}" cannot be updated; updatable fields are ${Object.keys(UPDATABLE).join(', ')}`,
        );
      const ok = kind === 'array' ? Array.isArray(value) : typeof value === kind;
      if (!ok) throw badRequest(`${key} must be ${kind === 'array' ? 'an array' : `a ${kind}`}`);
      if (key === 'displayName' && (value as string).trim() === '')
        throw badRequest('displayName must not be empty');
      if (key === 'agentBoundMessages') continue;
      changes.push({
        field: key,
        from: JSON.stringify(system[key] ?? null),
        to: JSON.stringify(value),
      });
      system[key] = value;
    }
    if (changes.length > 0) {
      recordEvent(ctx, {
        eventType: 'system_update',
        resource: {
          type: 'system',
          id: system._id,
          hostname: system.hostname,
          displayName: system.displayName,
        },
        extra: { changes },
      });
    }
    ctx.body = system;
  });

  router.post('/systems/:system_id/command/builtin/:command', (ctx) => {
    const command = param(ctx, 'command') as DeviceCommand;
    if (!DEVICE_COMMANDS.includes(command)) {
      ctx.status = 404;
      return;
    }
    const system = systemOf(ctx, 'system_id');
    if (system.osFamily === 'darwin') {
      throw badRequest(
        'built-in commands are only supported on Linux and Windows devices; use the Apple MDM device commands for macOS',
      );
    }
    const supported = (system.builtInCommands as { name: string }[] | undefined)?.some(
      (c) => c.name === command,
    );
    if (!supported)
      throw badRequest(`the ${command} command is not supported on ${system.os} devices`);
    queueDeviceCommand(ctx, { system, command, via: 'builtin' });
    ctx.status = 201;
    ctx.body = '';
  });

  return router;
}
