/** Builds Directory Insights events in the documented shape; used by the seed and by mutations. */
import type { DiEvent, JsonRecord } from '../types.js';

export interface Initiator {
  id: string;
  type: 'admin' | 'user' | 'system';
  email?: string;
  username?: string;
}

/** Parses a User-Agent string into the object shape Directory Insights stores. */
export function parseUserAgent(raw: string): JsonRecord {
  const product = raw.split(/[\s/]/)[0] ?? '';
  const browser = /Firefox|Chrome|Safari|PowerShell/.exec(raw)?.[0];
  const os = raw.includes('Mac OS X') ? 'Mac OS X' : raw.includes('Windows') ? 'Windows' : 'Other';
  return {
    name: browser ?? (product || 'Other'),
    os,
    os_name: os,
    device: 'Other',
    major: '',
    minor: '',
    patch: '',
    build: '',
    raw,
  };
}

export function makeEvent({
  id,
  orgId,
  service,
  eventType,
  timestamp,
  initiator,
  resource,
  userAgent,
  clientIp,
  success = true,
  extra = {},
}: {
  id: string;
  orgId: string;
  service: string;
  eventType: string;
  timestamp: string;
  initiator?: Initiator;
  resource?: JsonRecord;
  userAgent?: string;
  clientIp?: string;
  success?: boolean;
  extra?: JsonRecord;
}): DiEvent {
  return {
    id,
    '@version': '1',
    event_type: eventType,
    service,
    timestamp,
    organization: orgId,
    success,
    ...(initiator ? { initiated_by: { ...initiator } } : {}),
    ...(resource ? { resource } : {}),
    ...(clientIp ? { client_ip: clientIp } : {}),
    ...(userAgent ? { useragent: parseUserAgent(userAgent) } : {}),
    ...extra,
  };
}
