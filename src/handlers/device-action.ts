/**
 * device_lock, device_restart, device_shutdown, device_erase: one implementation. Reads the device
 * to learn its OS, then queues the action where JumpCloud can run it: a V1 built-in command for
 * Windows and Linux, an Apple MDM command for enrolled macOS and iOS devices. Never retried: each
 * call queues at most one command.
 */
import type { Upstream } from '../../generated/upstream.js';
import type { ToolDeps } from '../registry/types.js';
import { ToolError, UpstreamError } from '../upstream/errors.js';
import { unwrap } from '../upstream/unwrap.js';
import {
  appleMdmBody,
  describeDevice,
  needsPin,
  pickAppleMdmDevice,
  pinNotUsed,
  platformOf,
  routeFor,
} from './device-route.js';
import type { AppleMdmDeviceFacts, DeviceAction, SystemFacts } from './device-route.js';
import { OBJECT_ID_PATTERN } from '../upstream/path-params.js';
import { eachTarget, type ManyHandler } from '../bulk/bulk-handler.js';
import type { Preflight } from '../registry/types.js';

export interface DeviceActionArgs {
  id: string;
  /** Six digits; required to lock or erase a Mac, refused elsewhere. */
  pin?: string;
}

export interface DeviceActionResult {
  queued: true;
  action: DeviceAction;
  device: { id: string; hostname?: string; displayName?: string; os?: string };
  /** The JumpCloud call that queued the command. */
  route: string;
  note: string;
}

const SYSTEM_FIELDS = 'hostname displayName os osFamily version serialNumber mdm builtInCommands';
const PAGE = 100;

async function getSystem(id: string, deps: ToolDeps<Upstream>): Promise<SystemFacts> {
  const result = await deps.api.v1.GET('/systems/{id}', {
    params: { path: { id }, query: { fields: SYSTEM_FIELDS } },
  });
  if (result.response.status === 404) {
    throw new UpstreamError(
      `No device has id ${id}. Find the device's id with devices_list or search_api, then retry.`,
      404,
    );
  }
  const system = unwrap(result) as SystemFacts | null;
  if (system === null)
    throw new UpstreamError(`JumpCloud returned no record for device ${id}.`, 502);
  return { ...system, _id: system._id ?? id };
}

/** The Apple MDM configuration and device record of a system, or a refusal message. */
async function findAppleMdmDevice({
  system,
  action,
  deps,
}: {
  system: SystemFacts;
  action: DeviceAction;
  deps: ToolDeps<Upstream>;
}): Promise<
  { appleMdmId: string; device: AppleMdmDeviceFacts & { id: string } } | { reason: string }
> {
  const configs = (unwrap(
    await deps.api.v2.GET('/applemdms', {
      params: { query: { limit: PAGE } },
    }),
  ) ?? []) as { id?: string }[];
  const mdmIds = configs
    .map((c) => c.id)
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
  if (mdmIds.length === 0) {
    return {
      reason:
        `Refused: ${describeDevice(system)} is an Apple device, and this organization has no Apple MDM configured, ` +
        `so JumpCloud cannot ${action} it and nothing was sent. Set up Apple MDM (Admin Portal: Device Management > MDM), ` +
        `enroll the device, then retry.`,
    };
  }
  const mdmDeviceId = system.mdm?.internal?.deviceId;
  const filter = system.serialNumber
    ? [`serialNumber:eq:${system.serialNumber}`]
    : mdmDeviceId
      ? [`id:eq:${mdmDeviceId}`]
      : [];
  let lastReason = '';
  for (const appleMdmId of mdmIds) {
    const devices = (unwrap(
      await deps.api.v2.GET('/applemdms/{apple_mdm_id}/devices', {
        params: { path: { apple_mdm_id: appleMdmId }, query: { limit: PAGE, filter } },
      }),
    ) ?? []) as AppleMdmDeviceFacts[];
    const match = pickAppleMdmDevice({ system, devices, action });
    if ('device' in match) return { appleMdmId, device: match.device };
    lastReason = match.reason;
  }
  return { reason: lastReason };
}

/**
 * With `pinWhereNeeded` (one call on several devices) the PIN goes only to the devices that take
 * one (Macs, to lock or erase) and the others get the action without it.
 */
async function runDeviceAction(
  action: DeviceAction,
  args: DeviceActionArgs,
  deps: ToolDeps<Upstream>,
  { pinWhereNeeded = false }: { pinWhereNeeded?: boolean } = {},
): Promise<DeviceActionResult> {
  const id = args.id.trim();
  if (!OBJECT_ID_PATTERN.test(id)) {
    throw new ToolError(
      `id "${args.id}" is not a device id. Device ids look like "5f1b2c3d4e5f6a7b8c9d0e1f"; find one with devices_list.`,
    );
  }
  const system = await getSystem(id, deps);
  const who = describeDevice(system);
  const platform = platformOf(system);
  const pin = pinWhereNeeded && !needsPin({ action, platform }) ? undefined : args.pin;
  const route = routeFor({ system, action });
  if (route.via === 'refuse') throw new ToolError(route.reason);
  const device = {
    id,
    ...(system.hostname ? { hostname: system.hostname } : {}),
    ...(system.displayName ? { displayName: system.displayName } : {}),
    ...(system.os ? { os: [system.os, system.version].filter(Boolean).join(' ') } : {}),
  };

  if (route.via === 'v1-builtin') {
    if (pin !== undefined) throw new ToolError(pinNotUsed({ action, platform, who }));
    const path = `/systems/{system_id}/command/builtin/${action}` as const;
    const params = { params: { path: { system_id: id } } };
    const result =
      action === 'lock'
        ? await deps.api.v1.POST('/systems/{system_id}/command/builtin/lock', params)
        : action === 'restart'
          ? await deps.api.v1.POST('/systems/{system_id}/command/builtin/restart', params)
          : action === 'shutdown'
            ? await deps.api.v1.POST('/systems/{system_id}/command/builtin/shutdown', params)
            : await deps.api.v1.POST('/systems/{system_id}/command/builtin/erase', params);
    unwrap(result);
    return {
      queued: true,
      action,
      device,
      route: `v1 POST ${path.replace('{system_id}', id)}`,
      note: `JumpCloud queued the ${action} command; the device runs it at its next check-in if it is offline now.`,
    };
  }

  // Validate the body before any MDM lookup, so a missing PIN costs no further calls.
  const body = appleMdmBody({ action, platform, pin, who });
  const found = await findAppleMdmDevice({ system, action, deps });
  if ('reason' in found) throw new ToolError(found.reason);
  const path = { apple_mdm_id: found.appleMdmId, device_id: found.device.id };
  const signal = deps.signal;
  const result =
    action === 'lock'
      ? await deps.api.v2.POST('/applemdms/{apple_mdm_id}/devices/{device_id}/lock', {
          params: { path },
          body: body ?? {},
          signal,
        })
      : action === 'restart'
        ? await deps.api.v2.POST('/applemdms/{apple_mdm_id}/devices/{device_id}/restart', {
            params: { path },
            body: {},
            signal,
          })
        : action === 'shutdown'
          ? await deps.api.v2.POST('/applemdms/{apple_mdm_id}/devices/{device_id}/shutdown', {
              params: { path },
              signal,
            })
          : await deps.api.v2.POST('/applemdms/{apple_mdm_id}/devices/{device_id}/erase', {
              params: { path },
              body: body ?? {},
              signal,
            });
  unwrap(result);
  return {
    queued: true,
    action,
    device,
    route: `v2 POST /applemdms/${found.appleMdmId}/devices/${found.device.id}/${action}`,
    note:
      `JumpCloud queued the MDM ${action} command; Apple delivers it when the device is next online.` +
      (body?.pin ? ' The PIN given is needed to unlock the device: keep it.' : ''),
  };
}

export const deviceLock = (args: DeviceActionArgs, deps: ToolDeps<Upstream>) =>
  runDeviceAction('lock', args, deps);
export const deviceRestart = (args: DeviceActionArgs, deps: ToolDeps<Upstream>) =>
  runDeviceAction('restart', args, deps);
export const deviceShutdown = (args: DeviceActionArgs, deps: ToolDeps<Upstream>) =>
  runDeviceAction('shutdown', args, deps);
export const deviceErase = (args: DeviceActionArgs, deps: ToolDeps<Upstream>) =>
  runDeviceAction('erase', args, deps);

/** One call on several devices: each takes its own route; the PIN goes only to Macs. */
function onEach(action: DeviceAction): ManyHandler<Upstream> {
  return ({ ids, kind, args, deps }) =>
    eachTarget({
      ids,
      kind,
      deps,
      run: (id) =>
        runDeviceAction(action, { ...(args as Omit<DeviceActionArgs, 'id'>), id }, deps, {
          pinWhereNeeded: true,
        }),
    });
}

export const deviceLockEach = onEach('lock');
export const deviceEraseEach = onEach('erase');

/**
 * Before any confirmation: a Mac cannot be locked or erased without the PIN that later unlocks
 * it, so a call naming one without `pin` is refused at once, and no token is issued.
 */
function pinPreflight(action: DeviceAction): Preflight {
  return ({ args, targets }) => {
    if (args.pin !== undefined) return undefined;
    const macs = targets.filter(
      (t) => t.record && needsPin({ action, platform: platformOf(t.record as SystemFacts) }),
    );
    if (macs.length === 0) return undefined;
    const named = macs
      .slice(0, 5)
      .map((t) => describeDevice({ ...(t.record as SystemFacts), _id: t.id }))
      .join(', ');
    const more = macs.length > 5 ? ` and ${macs.length - 5} more` : '';
    const which = macs.length === 1 ? `${named} is a Mac` : `${named}${more} are Macs`;
    return (
      `${which}: macOS needs a 6-digit PIN to ${action} it, and that PIN is what unlocks it afterwards. ` +
      `Nothing was sent and no confirmation was issued. Call again with pin set to six digits (e.g. "482913") and keep the PIN` +
      `${targets.length > macs.length ? '; devices that are not Macs get the action without it' : ''}.`
    );
  };
}

export const deviceLockPreflight = pinPreflight('lock');
export const deviceErasePreflight = pinPreflight('erase');
