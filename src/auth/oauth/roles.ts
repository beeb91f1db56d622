/**
 * What each JumpCloud administrator role may do through this server: the scopes a person of that
 * role can be granted, and the toolsets it is limited to. A role not in this table cannot connect.
 */
import type { Scope } from './scopes.js';

export interface RoleAccess {
  scopes: readonly Scope[];
  /** Toolsets the role is limited to; undefined: every toolset the server offers. */
  toolsets?: readonly string[];
  /** One line for the README and the consent page. */
  summary: string;
}

const ALL: readonly Scope[] = ['jumpcloud.read', 'jumpcloud.support', 'jumpcloud.admin'];

/** JumpCloud's built-in administrator roles (Admin Portal, Settings, Administrators). */
export const ROLE_ACCESS: Readonly<Record<string, RoleAccess>> = {
  'Administrator With Billing': { scopes: ALL, summary: 'every tool the server offers' },
  Administrator: { scopes: ALL, summary: 'every tool the server offers' },
  Manager: { scopes: ALL, summary: 'every tool the server offers' },
  'Help Desk': {
    scopes: ['jumpcloud.read', 'jumpcloud.support'],
    summary: 'read-only tools and the user-support actions',
  },
  'Read Only': { scopes: ['jumpcloud.read'], summary: 'read-only tools' },
  'Command Runner': {
    scopes: ['jumpcloud.read'],
    toolsets: ['commands', 'devices'],
    summary: 'read-only tools of the commands and devices toolsets',
  },
  'Command Runner With Billing': {
    scopes: ['jumpcloud.read'],
    toolsets: ['commands', 'devices'],
    summary: 'read-only tools of the commands and devices toolsets',
  },
};

/** The access of a role, matched without regard to case; undefined for a role not listed. */
export function roleAccess(roleName: string): RoleAccess | undefined {
  const wanted = roleName.trim().toLowerCase();
  const entry = Object.entries(ROLE_ACCESS).find(([name]) => name.toLowerCase() === wanted);
  return entry?.[1];
}
