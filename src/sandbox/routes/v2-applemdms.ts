/** V2 Apple MDM servers, their devices, and the lock/restart/shutdown/erase device commands. */
import { Router } from '@koa/router';
import type { RequestState, SandboxContext } from '../context.js';
import { SandboxHttpError } from '../query/bad-request.js';
import { listV2 } from '../query/v2-list.js';
import { DEVICE_COMMANDS, type DeviceCommand, queueDeviceCommand } from './device-commands.js';
import { findById, jsonBody, param, sendV2List } from './route-helpers.js';

function mdmOf(ctx: SandboxContext) {
  return findById({
    records: ctx.state.org.appleMdms,
    id: param(ctx, 'apple_mdm_id'),
    idField: 'id',
    kind: 'apple mdm',
  });
}

export function v2AppleMdmsRouter(): Router<RequestState> {
  const router = new Router<RequestState>();

  router.get('/applemdms', (ctx) =>
    sendV2List(ctx, listV2({ records: ctx.state.org.appleMdms, query: ctx.query })),
  );

  router.get('/applemdms/:apple_mdm_id/devices', (ctx) => {
    const mdm = mdmOf(ctx);
    sendV2List(
      ctx,
      listV2({ records: ctx.state.org.appleMdmDevices.get(mdm.id) ?? [], query: ctx.query }),
    );
  });

  router.post('/applemdms/:apple_mdm_id/devices/:device_id/:command', (ctx) => {
    const command = param(ctx, 'command') as DeviceCommand;
    if (!DEVICE_COMMANDS.includes(command)) {
      ctx.status = 404;
      return;
    }
    const org = ctx.state.org;
    const mdm = mdmOf(ctx);
    const device = findById({
      records: org.appleMdmDevices.get(mdm.id) ?? [],
      id: param(ctx, 'device_id'),
      idField: 'id',
      kind: 'apple mdm device',
    });
    const body = jsonBody(ctx);
    // These operations document their 400 body as {message} alone.
    const invalid = (message: string) =>
      new SandboxHttpError({ status: 400, message, body: { message } });
    if (body.pin !== undefined && (typeof body.pin !== 'string' || !/^\d{6}$/.test(body.pin)))
      throw invalid('pin must be a string of 6 digits');
    if (body.kextPaths !== undefined && !Array.isArray(body.kextPaths))
      throw invalid('kextPaths must be an array of strings');
    const system = org.systems.find(
      (s) =>
        (s.mdm as { internal?: { deviceId?: string } } | undefined)?.internal?.deviceId ===
        device.id,
    );
    if (!system)
      throw new SandboxHttpError({ status: 409, message: 'device is not linked to a system' });
    queueDeviceCommand(ctx, { system, command, via: 'mdm' });
    ctx.status = 204;
  });

  return router;
}
