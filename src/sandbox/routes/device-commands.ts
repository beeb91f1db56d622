/** Queues a device command: a pending command result and an audit event, for V1 built-ins and Apple MDM. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import type { CommandResult, System } from '../types.js';
import { recordEvent } from './route-helpers.js';

export const DEVICE_COMMANDS = ['lock', 'restart', 'shutdown', 'erase'] as const;
export type DeviceCommand = (typeof DEVICE_COMMANDS)[number];

const MDM_REQUEST_TYPE: Record<DeviceCommand, string> = {
  lock: 'DeviceLock',
  restart: 'RestartDevice',
  shutdown: 'ShutDownDevice',
  erase: 'EraseDevice',
};

export function queueDeviceCommand(
  ctx: SandboxContext,
  { system, command, via }: { system: System; command: DeviceCommand; via: 'builtin' | 'mdm' },
): CommandResult {
  const org = ctx.state.org;
  const id = randomBytes(12).toString('hex');
  const result: CommandResult = {
    _id: id,
    command: via === 'mdm' ? MDM_REQUEST_TYPE[command] : `builtin:${command}`,
    name: `${command[0]!.toUpperCase()}${command.slice(1)} device`,
    exitCode: 0,
    requestTime: new Date().toISOString(),
    responseTime: null,
    sudo: true,
    system: system.displayName,
    systemId: system._id,
    user: '000000000000000000000000',
    workflowId: '',
    response: { data: { exitCode: 0, output: '' }, error: '' },
  };
  org.commandResults.push(result);
  const systemRef = {
    id: system._id,
    hostname: system.hostname,
    displayName: system.displayName,
    type: 'system',
  };
  if (via === 'mdm') {
    recordEvent(ctx, {
      service: 'mdm',
      eventType: 'mdm_command_result',
      resource: { type: 'system', id: system._id },
      extra: {
        system: systemRef,
        system_object_id: system._id,
        command: { request_type: MDM_REQUEST_TYPE[command] },
        command_uuid: randomUUID(),
        command_result_id: id,
      },
    });
  } else {
    recordEvent(ctx, {
      eventType: 'command_run',
      resource: { type: 'command', id, name: result.name },
      extra: {
        system: systemRef,
        command: { type: 'builtin', name: command },
        command_result_id: id,
      },
    });
  }
  return result;
}
