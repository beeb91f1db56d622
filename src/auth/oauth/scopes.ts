/**
 * The OAuth scopes of this resource server. Each tool needs exactly one: reading needs
 * `jumpcloud.read`, the user-support actions a help desk performs need `jumpcloud.support`, every
 * other change needs `jumpcloud.admin`.
 */
import { isReadOnlyTool } from '../../registry/select.js';
import type { ToolDefinition } from '../../registry/types.js';

export const SCOPES = ['jumpcloud.read', 'jumpcloud.support', 'jumpcloud.admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** The actions a help-desk administrator performs for a user who is locked out or lost a factor. */
export const USER_SUPPORT_TOOLS: ReadonlySet<string> = new Set([
  'user_unlock',
  'user_resetmfa',
  'user_send_reset_password_email',
  'user_send_invitation_email',
  'user_force_password_reset',
]);

/** What the consent page says each scope allows. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'jumpcloud.read':
    'read users, administrators, devices, groups, applications, commands, policies and Directory Insights events',
  'jumpcloud.support':
    'help users: unlock accounts, reset MFA, send password-reset and invitation emails, force a password change',
  'jumpcloud.admin':
    'change the directory: suspend and reactivate users, change group members, lock, restart, shut down and erase devices',
};

export function toolScope(tool: ToolDefinition): Scope {
  if (isReadOnlyTool(tool)) return 'jumpcloud.read';
  return USER_SUPPORT_TOOLS.has(tool.name) ? 'jumpcloud.support' : 'jumpcloud.admin';
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Space-separated scope string to known scopes, in SCOPES order. */
export function parseScopes(value: unknown): Scope[] {
  const given = new Set(typeof value === 'string' ? value.split(' ').filter(Boolean) : []);
  return SCOPES.filter((scope) => given.has(scope));
}
