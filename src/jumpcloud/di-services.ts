/**
 * The Directory Insights services: the `service` enum of `POST /events` in JumpCloud's spec (it
 * says `alerts`; the prose says `alert`). The di_events_get handler checks what a model asks for
 * against it, and the sandbox answers as JumpCloud does for a service outside it.
 */
import type { components } from '../../generated/openapi/insights.js';

export const DI_SERVICES = [
  'all',
  'access_management',
  'ai_admin',
  'aigw',
  'alerts',
  'asset_management',
  'directory',
  'generic_di',
  'genai',
  'ldap',
  'mdm',
  'notifications',
  'object_storage',
  'password_manager',
  'password_vault',
  'radius',
  'reports',
  'saas_app_management',
  'software',
  'sso',
  'systems',
  'workflows',
] as const;
export type DiService = (typeof DI_SERVICES)[number];

/** The spec's enum, from the generated types: the list above must name exactly these. */
type SpecService = components['schemas']['EventServiceTimeQuery']['service'][number];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const matchesSpec: Same<DiService, SpecService> = true;
void matchesSpec;
