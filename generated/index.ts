// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

import type { ToolDefinition } from '../src/registry/types.js';
import type { Upstream } from './upstream.js';
import { adminsListTool } from './tools/admins-list.js';
import { applicationAccessListTool } from './tools/application-access-list.js';
import { applicationAccessUpdateTool } from './tools/application-access-update.js';
import { applicationGetTool } from './tools/application-get.js';
import { applicationsListTool } from './tools/applications-list.js';
import { commandDeviceGroupsListTool } from './tools/command-device-groups-list.js';
import { commandDevicesListTool } from './tools/command-devices-list.js';
import { commandGetTool } from './tools/command-get.js';
import { commandResultListTool } from './tools/command-result-list.js';
import { commandresultsListTool } from './tools/commandresults-list.js';
import { commandsListTool } from './tools/commands-list.js';
import { deviceAccessUpdateTool } from './tools/device-access-update.js';
import { deviceEraseTool } from './tools/device-erase.js';
import { deviceGetTool } from './tools/device-get.js';
import { deviceGroupMembersUpdateTool } from './tools/device-group-members-update.js';
import { deviceGroupMembershipTool } from './tools/device-group-membership.js';
import { deviceGroupsListTool } from './tools/device-groups-list.js';
import { deviceLockTool } from './tools/device-lock.js';
import { deviceRestartTool } from './tools/device-restart.js';
import { deviceShutdownTool } from './tools/device-shutdown.js';
import { deviceUpdateTool } from './tools/device-update.js';
import { deviceUsersListTool } from './tools/device-users-list.js';
import { devicesListTool } from './tools/devices-list.js';
import { diEventsGetTool } from './tools/di-events-get.js';
import { policiesListTool } from './tools/policies-list.js';
import { policyGetTool } from './tools/policy-get.js';
import { searchApiTool } from './tools/search-api.js';
import { softwareappListTool } from './tools/softwareapp-list.js';
import { userAddMfaTool } from './tools/user-add-mfa.js';
import { userApplicationsListTool } from './tools/user-applications-list.js';
import { userForcePasswordResetTool } from './tools/user-force-password-reset.js';
import { userGetTool } from './tools/user-get.js';
import { userGroupMembersUpdateTool } from './tools/user-group-members-update.js';
import { userGroupMembershipTool } from './tools/user-group-membership.js';
import { userGroupsListTool } from './tools/user-groups-list.js';
import { userMemberofListTool } from './tools/user-memberof-list.js';
import { userReactivateTool } from './tools/user-reactivate.js';
import { userRemoveMfaRequirementTool } from './tools/user-remove-mfa-requirement.js';
import { userResetmfaTool } from './tools/user-resetmfa.js';
import { userSendInvitationEmailTool } from './tools/user-send-invitation-email.js';
import { userSendResetPasswordEmailTool } from './tools/user-send-reset-password-email.js';
import { userSuspendTool } from './tools/user-suspend.js';
import { userUnlockTool } from './tools/user-unlock.js';
import { usersListTool } from './tools/users-list.js';

export type { Upstream, UpstreamPaths } from './upstream.js';
export { upstreamServers } from './upstream.js';

/** Every toolset a tool names in the manifest, sorted. */
export const toolsets = [
  'admins',
  'applications',
  'commands',
  'devices',
  'groups',
  'insights',
  'policies',
  'search',
  'users',
] as const;

export type Toolset = (typeof toolsets)[number];

/** Every tool, sorted by name. */
export const tools: readonly ToolDefinition<any, Upstream>[] = [
  adminsListTool,
  applicationAccessListTool,
  applicationAccessUpdateTool,
  applicationGetTool,
  applicationsListTool,
  commandDeviceGroupsListTool,
  commandDevicesListTool,
  commandGetTool,
  commandResultListTool,
  commandresultsListTool,
  commandsListTool,
  deviceAccessUpdateTool,
  deviceEraseTool,
  deviceGetTool,
  deviceGroupMembersUpdateTool,
  deviceGroupMembershipTool,
  deviceGroupsListTool,
  deviceLockTool,
  deviceRestartTool,
  deviceShutdownTool,
  deviceUpdateTool,
  deviceUsersListTool,
  devicesListTool,
  diEventsGetTool,
  policiesListTool,
  policyGetTool,
  searchApiTool,
  softwareappListTool,
  userAddMfaTool,
  userApplicationsListTool,
  userForcePasswordResetTool,
  userGetTool,
  userGroupMembersUpdateTool,
  userGroupMembershipTool,
  userGroupsListTool,
  userMemberofListTool,
  userReactivateTool,
  userRemoveMfaRequirementTool,
  userResetmfaTool,
  userSendInvitationEmailTool,
  userSendResetPasswordEmailTool,
  userSuspendTool,
  userUnlockTool,
  usersListTool,
];
