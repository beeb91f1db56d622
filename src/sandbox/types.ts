/**
 * Records held by the sandbox, in the shapes JumpCloud's API returns them. Each organization owns
 * its own collections; nothing is shared across organizations.
 */

/** A JSON object as the API returns it. */
export type JsonRecord = Record<string, unknown>;

export type UserState = 'STAGED' | 'ACTIVATED' | 'SUSPENDED';

/** V1 systemuser (GET /systemusers/{id}). */
export interface SystemUser extends JsonRecord {
  _id: string;
  username: string;
  email: string;
  firstname: string;
  lastname: string;
  state: UserState;
  activated: boolean;
  suspended: boolean;
  account_locked: boolean;
  account_locked_date: string | null;
  password_expired: boolean;
  password_expiration_date: string | null;
  totp_enabled: boolean;
  enable_user_portal_multifactor: boolean;
  mfa: { configured: boolean; exclusion: boolean; exclusionUntil?: string; exclusionDays?: number };
  mfaEnrollment: Record<string, string>;
  organization: string;
}

/** Administrator as the undocumented V1 GET /users returns it. */
export interface Administrator extends JsonRecord {
  _id: string;
  email: string;
  firstname: string;
  lastname: string;
  enableMultiFactor: boolean;
  roleName: string;
  suspended: boolean;
}

export type OsFamily = 'darwin' | 'windows' | 'linux';

/** V1 system (GET /systems/{id}). */
export interface System extends JsonRecord {
  _id: string;
  displayName: string;
  hostname: string;
  os: string;
  osFamily: OsFamily;
  version: string;
  organization: string;
}

/** V2 user group or system group. */
export interface Group extends JsonRecord {
  id: string;
  name: string;
  type: 'user_group' | 'system_group';
}

/** V1 SSO application. */
export interface Application extends JsonRecord {
  _id: string;
  name: string;
  displayName: string;
  displayLabel: string;
  ssoUrl: string;
  config: JsonRecord;
}

/** V1 command (GET /commands/{id}). */
export interface Command extends JsonRecord {
  _id: string;
  name: string;
  command: string;
  commandType: string;
}

/** V1 command result (GET /commandresults). */
export interface CommandResult extends JsonRecord {
  _id: string;
  command: string;
  name: string;
  system: string;
  systemId: string;
  requestTime: string | null;
  responseTime: string | null;
}

/** V2 policy (GET /policies/{id}); the list returns id, name and template only. */
export interface Policy extends JsonRecord {
  id: string;
  name: string;
  template: JsonRecord;
}

/** V2 software app. */
export interface SoftwareApp extends JsonRecord {
  id: string;
  displayName: string;
}

/** V2 Apple MDM server and its enrolled devices. */
export interface AppleMdm extends JsonRecord {
  id: string;
  name: string;
}

export interface AppleMdmDevice extends JsonRecord {
  id: string;
  serialNumber: string;
  udid: string;
}

/** A Directory Insights event; `timestamp` is RFC 3339, `id` unique. */
export interface DiEvent extends JsonRecord {
  id: string;
  event_type: string;
  service: string;
  timestamp: string;
  organization: string;
}

/** One item of a bulk user job, as GET /bulk/users/{job_id}/results returns it. */
export interface BulkJobResult extends JsonRecord {
  id: string;
  status: 'finished' | 'failed';
  statusMsg: string;
  createdAt: string;
  updatedAt: string;
  meta: { systemUserId: string; action: 'expire' | 'unlock' };
  persistedFields: JsonRecord | null;
}

/** A scheduled state change of one user (POST /bulk/userstates). */
export interface ScheduledState {
  scheduledJobId: string;
  systemUserId: string;
  state: 'ACTIVATED' | 'SUSPENDED';
  /** RFC 3339 UTC. */
  scheduledDate: string;
  sendActivationEmails: boolean;
  /** Email of the administrator who scheduled it (the initiator of the event it writes). */
  adminEmail: string;
  userAgent: string;
}

/** One organization's whole directory. */
export interface OrgData {
  id: string;
  name: string;
  users: SystemUser[];
  admins: Administrator[];
  systems: System[];
  userGroups: Group[];
  systemGroups: Group[];
  /**
   * Groups that are disabled: `disabled` is a documented V2 filter field for groups but not part of
   * the group object the API returns, so it is kept here.
   */
  disabledGroups: Set<string>;
  /** Group id -> member ids (users for user groups, systems for system groups). */
  groupMembers: Map<string, string[]>;
  applications: Application[];
  /** Application id -> bound user group ids. */
  applicationGroups: Map<string, string[]>;
  /** Application id -> directly bound user ids. */
  applicationUsers: Map<string, string[]>;
  /** System id -> directly bound user ids. */
  systemUsers: Map<string, string[]>;
  /** System id -> bound user group ids. */
  systemUserGroups: Map<string, string[]>;
  /** Bulk user jobs (expire, unlock), keyed by job id: one work result per user. */
  bulkJobs: Map<string, BulkJobResult[]>;
  /** Scheduled user state changes not yet run, in the order they were created. */
  scheduledStates: ScheduledState[];
  commands: Command[];
  /** Command id -> directly bound systems and system groups. */
  commandTargets: Map<string, { systems: string[]; systemGroups: string[] }>;
  /** Results of saved commands, keyed by command id, as GET /commands/{id}/results returns them. */
  commandRunResults: Map<string, JsonRecord[]>;
  commandResults: CommandResult[];
  policies: Policy[];
  softwareApps: SoftwareApp[];
  appleMdms: AppleMdm[];
  /** Apple MDM id -> its devices. */
  appleMdmDevices: Map<string, AppleMdmDevice[]>;
  /** Sorted by timestamp, ascending. */
  events: DiEvent[];
}

/** An API key and what it may reach. */
export interface SandboxKey {
  key: string;
  /** Organizations this key may act on. */
  orgIds: string[];
  /** Organization used when a request names none. */
  defaultOrgId: string;
  /** Administrator the key belongs to (per organization, the initiator in events). */
  adminEmail: string;
}
