/**
 * Pure parts of the device security actions: which platform a device runs, which JumpCloud route
 * can act on it, which Apple MDM record is the device, and the request body each route needs.
 */
import { ToolError } from '../upstream/errors.js';

export const DEVICE_ACTIONS = ['lock', 'restart', 'shutdown', 'erase'] as const;
export type DeviceAction = (typeof DEVICE_ACTIONS)[number];

export type DevicePlatform = 'windows' | 'linux' | 'macos' | 'ios' | 'other';

/** The fields of a V1 system these actions read. */
export interface SystemFacts {
  _id?: string;
  hostname?: string;
  displayName?: string;
  os?: string;
  osFamily?: string;
  version?: string;
  serialNumber?: string;
  mdm?: { vendor?: string; internal?: { deviceId?: string } };
  /** The built-in security commands JumpCloud reports the device supports (read-only). */
  builtInCommands?: { type?: string; name?: string }[];
}

/** The fields of a V2 Apple MDM device record these actions read. */
export interface AppleMdmDeviceFacts {
  id?: string;
  serialNumber?: string;
  enrolled?: boolean;
}

const LINUX =
  /\b(linux|ubuntu|debian|centos|fedora|red\s*hat|rhel|rocky|alma|suse|mint|arch|pop!?_?os|elementary|manjaro|kali)\b/i;

export function platformOf(system: SystemFacts): DevicePlatform {
  const family = system.osFamily?.toLowerCase();
  if (family === 'windows') return 'windows';
  if (family === 'linux') return 'linux';
  if (family === 'darwin' || family === 'macos') return 'macos';
  if (family === 'ios' || family === 'ipados') return 'ios';
  const os = system.os ?? '';
  if (/windows/i.test(os)) return 'windows';
  if (/mac\s*os|os\s*x|darwin/i.test(os)) return 'macos';
  if (/^(ios|ipados)$/i.test(os.trim())) return 'ios';
  if (LINUX.test(os)) return 'linux';
  return 'other';
}

export type Route =
  { via: 'v1-builtin' } | { via: 'apple-mdm' } | { via: 'refuse'; reason: string };

export function describeDevice(system: SystemFacts): string {
  const name = system.displayName || system.hostname || 'device';
  const os = [system.os, system.version].filter(Boolean).join(' ');
  return `${name} (id ${system._id ?? 'unknown'}${os ? `, ${os}` : ''})`;
}

/** Windows and Linux take V1 built-in commands; Apple devices take MDM commands; others cannot. */
export function routeFor({ system, action }: { system: SystemFacts; action: DeviceAction }): Route {
  const platform = platformOf(system);
  const who = describeDevice(system);
  if (platform === 'windows' || platform === 'linux') {
    const supported = Array.isArray(system.builtInCommands)
      ? system.builtInCommands.map((c) => c.name)
      : undefined;
    if (supported !== undefined && !supported.includes(action)) {
      return {
        via: 'refuse',
        reason:
          `Refused: JumpCloud reports that ${who} does not support the built-in ${action} command ` +
          `(it supports: ${supported.length > 0 ? supported.join(', ') : 'none'}), so nothing was sent.`,
      };
    }
    return { via: 'v1-builtin' };
  }
  if (platform === 'other') {
    return {
      via: 'refuse',
      reason:
        `${who} runs an operating system JumpCloud cannot ${action} remotely through this tool ` +
        `(only Windows, Linux, and MDM-enrolled macOS and iOS devices). Act on it from its own management console.`,
    };
  }
  const vendor = system.mdm?.vendor;
  if (vendor === 'none')
    return {
      via: 'refuse',
      reason: notEnrolled({ who, action, why: 'it is not enrolled in MDM' }),
    };
  if (vendor === 'external') {
    return {
      via: 'refuse',
      reason:
        `${who} is managed by a third-party MDM, not JumpCloud's, so JumpCloud cannot ${action} it. ` +
        `Use that MDM to ${action} it, or move the device to JumpCloud MDM.`,
    };
  }
  return { via: 'apple-mdm' };
}

export function notEnrolled({
  who,
  action,
  why,
}: {
  who: string;
  action: DeviceAction;
  why: string;
}): string {
  return (
    `Refused: ${who} is an Apple device and ${why}. JumpCloud can ${action} Apple devices only with an MDM command, ` +
    `so nothing was sent. Enroll the device in JumpCloud MDM (Admin Portal: Device Management > MDM), wait for it ` +
    `to check in, then retry.`
  );
}

export type MdmMatch = { device: AppleMdmDeviceFacts & { id: string } } | { reason: string };

/**
 * Finds the Apple MDM record of a system, by the MDM device id the system carries or else by
 * serial number. Refuses (never guesses) when none, several, or an unenrolled record matches.
 */
export function pickAppleMdmDevice({
  system,
  devices,
  action,
}: {
  system: SystemFacts;
  devices: readonly AppleMdmDeviceFacts[];
  action: DeviceAction;
}): MdmMatch {
  const who = describeDevice(system);
  const mdmId = system.mdm?.internal?.deviceId;
  const serial = system.serialNumber?.trim().toLowerCase();
  if (!mdmId && !serial) {
    return {
      reason: notEnrolled({
        who,
        action,
        why: 'JumpCloud knows neither its MDM device id nor its serial number',
      }),
    };
  }
  const byId = mdmId ? devices.filter((d) => d.id === mdmId) : [];
  const matches =
    byId.length > 0
      ? byId
      : devices.filter((d) => serial && d.serialNumber?.trim().toLowerCase() === serial);
  const unique = [...new Map(matches.map((d) => [d.id, d])).values()];
  if (unique.length === 0) {
    return {
      reason: notEnrolled({
        who,
        action,
        why: `no Apple MDM device record matches it (serial ${system.serialNumber ?? 'unknown'})`,
      }),
    };
  }
  if (unique.length > 1) {
    return {
      reason:
        `Refused: ${who} matches ${unique.length} Apple MDM device records (ids ${unique.map((d) => d.id).join(', ')}), ` +
        `so the target is ambiguous and nothing was sent. Remove the stale record in the Admin Portal, then retry.`,
    };
  }
  const device = unique[0] as AppleMdmDeviceFacts;
  if (!device.id)
    return { reason: notEnrolled({ who, action, why: 'its Apple MDM record has no id' }) };
  if (device.enrolled === false) {
    return {
      reason: notEnrolled({
        who,
        action,
        why: 'its Apple MDM record says it is no longer enrolled',
      }),
    };
  }
  return { device: { ...device, id: device.id } };
}

export const PIN_PATTERN = /^[0-9]{6}$/;

/** Whether an action on this platform takes a PIN: locking or erasing a Mac. */
export function needsPin({
  action,
  platform,
}: {
  action: DeviceAction;
  platform: DevicePlatform;
}): boolean {
  return platform === 'macos' && (action === 'lock' || action === 'erase');
}

/**
 * The body of an Apple MDM action. macOS needs a 6-digit PIN to lock or erase (the PIN later
 * unlocks the Mac); it is never invented here.
 */
export function appleMdmBody({
  action,
  platform,
  pin,
  who,
}: {
  action: DeviceAction;
  platform: DevicePlatform;
  pin?: string;
  who: string;
}): { pin?: string } | undefined {
  if (needsPin({ action, platform })) {
    if (pin === undefined) {
      throw new ToolError(
        `${who} is a Mac: macOS needs a 6-digit PIN to ${action} it, and that PIN is what unlocks it afterwards. ` +
          `Nothing was sent. Call again with pin set to six digits (e.g. "482913") and keep the PIN.`,
      );
    }
    if (!PIN_PATTERN.test(pin))
      throw new ToolError(`pin must be exactly six digits (0-9), e.g. "482913".`);
    return { pin };
  }
  if (pin !== undefined) throw new ToolError(pinNotUsed({ action, platform, who }));
  if (action === 'shutdown') return undefined;
  return {};
}

const PLATFORM_LABEL: Record<DevicePlatform, string> = {
  windows: 'a Windows device',
  linux: 'a Linux device',
  macos: 'a Mac',
  ios: 'an iOS or iPadOS device',
  other: 'a device',
};

export function pinNotUsed({
  action,
  platform,
  who,
}: {
  action: DeviceAction;
  platform: DevicePlatform;
  who: string;
}): string {
  return (
    `pin applies only to locking or erasing a Mac; ${who} is ${PLATFORM_LABEL[platform]} ` +
    `and the ${action} action takes no PIN. Nothing was sent. Call again without pin.`
  );
}
