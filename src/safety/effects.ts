/**
 * What a destructive tool does to its object, in words a person can confirm. Tools not listed here
 * fall back to their title and the first sentence of their description.
 */
import type { ToolDefinition } from '../registry/types.js';

export interface ToolEffect {
  /** Imperative verb phrase placed before the object: "Erase", "Suspend". */
  verb: string;
  /** What changes, as a sentence. */
  change: string;
}

const KNOWN_EFFECTS: Readonly<Record<string, ToolEffect>> = {
  device_erase: {
    verb: 'Erase',
    change:
      'All data on the device is wiped and it is reset to factory settings. This cannot be undone.',
  },
  device_shutdown: {
    verb: 'Shut down',
    change:
      'The device turns off; anyone using it loses unsaved work, and it stays off until someone powers it on.',
  },
  device_restart: {
    verb: 'Restart',
    change: 'The device restarts now; anyone using it loses unsaved work.',
  },
  device_lock: {
    verb: 'Lock',
    change: 'The device locks now; its user must unlock it (on macOS, with the PIN that is set).',
  },
  user_group_members_update: {
    verb: 'Change the members of',
    change:
      'Users added gain the applications, devices and other resources the group grants; users removed lose them.',
  },
  device_group_members_update: {
    verb: 'Change the members of',
    change:
      'Devices added get the policies, commands and user access the group grants; devices removed lose them.',
  },
  user_suspend: {
    verb: 'Suspend',
    change:
      'The user can no longer sign in to JumpCloud or any resource it connects (devices, SSO applications, directories) until reactivated.',
  },
  user_resetmfa: {
    verb: 'Reset MFA for',
    change:
      'The user’s enrolled authenticator is removed; they must enroll again at their next sign-in.',
  },
  user_remove_mfa_requirement: {
    verb: 'Remove the MFA requirement from',
    change: 'The user is no longer required to use multi-factor authentication.',
  },
  user_force_password_reset: {
    verb: 'Expire the password of',
    change: 'The user’s password expires now; they must choose a new one at their next sign-in.',
  },
};

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
  return (match?.[1] ?? text.trim()).replace(/\s+/g, ' ');
}

export function toolEffect(tool: ToolDefinition): ToolEffect {
  return (
    KNOWN_EFFECTS[tool.name] ?? {
      verb: `Run ${tool.name} (${tool.annotations.title}) on`,
      change: firstSentence(tool.description),
    }
  );
}
