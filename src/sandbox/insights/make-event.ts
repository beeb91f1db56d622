/** Builds Directory Insights events in the documented shape; used by the seed and by mutations. */
import type { DiEvent, JsonRecord } from '../types.js';

export interface Initiator {
  id: string;
  type: 'admin' | 'user' | 'system';
  email?: string;
  username?: string;
}

const BROWSERS = ['Edg', 'Firefox', 'Chrome', 'Safari'] as const;

/**
 * Parses a User-Agent string into the object Directory Insights stores: a browser when there is
 * one, otherwise the first product token (e.g. `jumpcloudmcp-cursor-bot/1.2.0` -> name
 * `jumpcloudmcp-cursor-bot`, major 1, minor 2, patch 0).
 */
export function parseUserAgent(raw: string): JsonRecord {
  const products = [...raw.matchAll(/([A-Za-z][\w.-]*)\/([\d.]+)/g)].map((m) => ({
    name: m[1]!,
    version: m[2]!,
  }));
  const browser = BROWSERS.map((b) => products.find((p) => p.name === b)).find(Boolean);
  const first = raw.trim().split(/[\s/]/)[0] ?? '';
  const chosen = browser ??
    products.find((p) => raw.trim().startsWith(p.name)) ?? { name: first || 'Other', version: '' };
  const [major = '', minor = '', patch = ''] = chosen.version.split('.');
  const os = raw.includes('Mac OS X')
    ? 'Mac OS X'
    : raw.includes('Windows')
      ? 'Windows'
      : raw.includes('Linux')
        ? 'Linux'
        : 'Other';
  return {
    name: chosen.name === 'Edg' ? 'Edge' : chosen.name,
    major,
    minor,
    patch,
    build: '',
    os,
    os_name: os,
    device: 'Other',
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
