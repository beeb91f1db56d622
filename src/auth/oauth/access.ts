/**
 * Who may connect and what they may use: a signed-in person must be an active administrator of the
 * organization; their JumpCloud role gives the scopes they can hold; the token's scopes and every
 * matching policy rule narrow that further. Nothing here can widen the server's own selection.
 */
import type { ToolDefinition } from '../../registry/types.js';
import { combineGrants } from '../grant.js';
import { matchingRules } from '../policy/policy-file.js';
import type { AccessPolicy } from '../policy/policy-file.js';
import type { Grant } from '../types.js';
import type { AdminDirectory, AdminRecord } from './admin-directory.js';
import { roleAccess } from './roles.js';
import { SCOPES, toolScope } from './scopes.js';
import type { Scope } from './scopes.js';

export type AccessResult =
  | { ok: true; admin: AdminRecord; roleScopes: readonly Scope[]; scopes: Scope[]; grant: Grant }
  | { ok: false; reason: string };

export interface AccessResolver {
  /**
   * The access of the person with this email. `tokenScopes` (absent at sign-in, before a token
   * exists) narrows it to what the token was granted.
   */
  resolve(input: {
    email: string;
    groups?: readonly string[];
    tokenScopes?: readonly Scope[];
  }): Promise<AccessResult>;
}

export function createAccessResolver({
  directory,
  policy,
  catalog,
}: {
  directory: AdminDirectory;
  policy?: AccessPolicy;
  /** The tools the server offers (its own selection). */
  catalog: readonly ToolDefinition[];
}): AccessResolver {
  return {
    async resolve({ email, groups = [], tokenScopes }) {
      const admin = await directory.find(email);
      if (!admin) {
        return {
          ok: false,
          reason: `${email} is not an administrator of this JumpCloud organization. Only its administrators can connect; ask one to add you under Settings, Administrators.`,
        };
      }
      if (admin.suspended) {
        return {
          ok: false,
          reason: `The JumpCloud administrator account ${email} is suspended. Ask another administrator to reactivate it.`,
        };
      }
      const access = roleAccess(admin.roleName);
      if (!access) {
        return {
          ok: false,
          reason: `The JumpCloud administrator role '${admin.roleName}' of ${email} has no access defined on this server. Ask for one of the built-in roles (Administrator, Manager, Help Desk, Read Only, Command Runner).`,
        };
      }
      const granted = new Set(tokenScopes ?? access.scopes);
      const scopes = SCOPES.filter((scope) => access.scopes.includes(scope) && granted.has(scope));
      const rules = policy
        ? matchingRules(policy, { email: admin.email, role: admin.roleName, groups })
        : [];
      const layers: Grant[] = [
        { tools: catalog.filter((tool) => scopes.includes(toolScope(tool))).map((t) => t.name) },
        ...(access.toolsets ? [{ toolsets: access.toolsets }] : []),
        ...(scopes.some((scope) => scope !== 'jumpcloud.read') ? [] : [{ readOnly: true }]),
        ...rules.map((rule) => rule.grant),
      ];
      const role = [
        `JumpCloud role ${admin.roleName}`,
        ...rules.map((rule) => `policy rule ${rule.index}`),
      ].join(', ');
      return {
        ok: true,
        admin,
        roleScopes: access.scopes,
        scopes,
        grant: combineGrants({ catalog, layers, role }),
      };
    },
  };
}
