/**
 * Safety configuration: a zod schema for the serializable part (what comes from env or flags) and a
 * parser from environment variables. Runtime pieces (tools, loggers, clock) are added by the host.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ToolDefinition } from '../registry/types.js';
import type { UsedTokenStore } from '../store/types.js';

export const DEFAULT_CONFIRMATION_TTL_SECONDS = 300;
export const DEFAULT_MAX_OBJECTS_PER_CALL = 10;
export const DEFAULT_USED_TOKEN_CACHE_SIZE = 100_000;
export const MIN_CONFIRMATION_SECRET_LENGTH = 32;

const nameList = z.array(z.string().trim().min(1)).readonly();

export const safetyConfigSchema = z
  .object({
    /** Toolsets to expose (`all` for every toolset). Omitted: all, unless `allow` is given. */
    toolsets: nameList.optional(),
    /** Tool names to expose, in addition to `toolsets`; alone, exactly these tools. */
    allow: nameList.optional(),
    /** Tool names never exposed, whatever else selects them. */
    deny: nameList.optional(),
    /** Expose only tools annotated read-only. */
    readOnly: z.boolean().default(false),
    /** HS256 secret for confirmation tokens; the same on every replica. */
    confirmationSecret: z
      .string()
      .min(MIN_CONFIRMATION_SECRET_LENGTH, {
        message: `must be at least ${MIN_CONFIRMATION_SECRET_LENGTH} characters; generate one with \`openssl rand -base64 48\``,
      })
      .optional(),
    /** How long a confirmation token stays valid. */
    confirmationTtlSeconds: z
      .number()
      .int()
      .min(30)
      .max(3600)
      .default(DEFAULT_CONFIRMATION_TTL_SECONDS),
    /** User ids, usernames or emails that no mutating tool may touch (case-insensitive). */
    protectedUsers: nameList.default([]),
    /** Device ids, hostnames or display names that no mutating tool may touch (case-insensitive). */
    protectedDevices: nameList.default([]),
    /** Most objects one mutating call may act on. */
    maxObjectsPerCall: z.number().int().min(1).max(1000).default(DEFAULT_MAX_OBJECTS_PER_CALL),
    /** How many used token ids one process remembers (within their TTL) to refuse replays. */
    usedTokenCacheSize: z.number().int().min(1000).default(DEFAULT_USED_TOKEN_CACHE_SIZE),
    /** Where audit records go when no auditLogger is given: `stdout`, `stderr` or a file path. */
    auditLog: z.string().min(1).default('stdout'),
  })
  .strict();

export type SafetyConfig = z.infer<typeof safetyConfigSchema>;
export type SafetyConfigInput = z.input<typeof safetyConfigSchema>;

/** Everything createSafety needs: the configuration plus runtime pieces. */
export interface SafetyOptions extends SafetyConfigInput {
  /** Every tool the server knows (generated/ plus hand-written ones). */
  tools: readonly ToolDefinition[];
  /** Its own logger, one record per mutating call. Defaults to createAuditLogger({ destination: auditLog }). */
  auditLogger?: Logger;
  /** Operational warnings (a generated development secret). Defaults to the audit logger. */
  logger?: Logger;
  /** `production` makes a missing confirmation secret a startup error. Defaults to NODE_ENV. */
  nodeEnv?: string;
  /** Used confirmation tokens shared by replicas (src/store); this process alone when omitted. */
  usedTokens?: UsedTokenStore;
  /** Clock in milliseconds, for token issue and expiry. Defaults to Date.now. */
  now?: () => number;
}

/** Environment variables read by safetyConfigFromEnv, by option. */
export const SAFETY_ENV = {
  toolsets: 'JUMPCLOUD_MCP_TOOLSETS',
  allow: 'JUMPCLOUD_MCP_TOOLS',
  deny: 'JUMPCLOUD_MCP_EXCLUDE_TOOLS',
  readOnly: 'JUMPCLOUD_MCP_READ_ONLY',
  confirmationSecret: 'JUMPCLOUD_MCP_CONFIRMATION_SECRET',
  confirmationTtlSeconds: 'JUMPCLOUD_MCP_CONFIRMATION_TTL_SECONDS',
  protectedUsers: 'JUMPCLOUD_MCP_PROTECTED_USERS',
  protectedDevices: 'JUMPCLOUD_MCP_PROTECTED_DEVICES',
  maxObjectsPerCall: 'JUMPCLOUD_MCP_MAX_OBJECTS_PER_CALL',
  usedTokenCacheSize: 'JUMPCLOUD_MCP_USED_TOKEN_CACHE_SIZE',
  auditLog: 'JUMPCLOUD_MCP_AUDIT_LOG',
} as const satisfies Record<keyof SafetyConfig, string>;

/** `a, b,,c` -> ['a','b','c']; empty or unset -> undefined. */
export function parseList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return items.length > 0 ? items : undefined;
}

/** `true/1/yes/on` and `false/0/no/off` (any case); anything else is an error naming the variable. */
export function parseBoolean(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new SafetyConfigError(`${name}=${value} is not a boolean; use true or false.`);
}

function parseInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\d+$/.test(value.trim())) {
    throw new SafetyConfigError(`${name}=${value} is not a whole number.`);
  }
  return Number(value.trim());
}

export class SafetyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafetyConfigError';
  }
}

/** Validates a configuration, with errors that name the option (and its env variable). */
export function parseSafetyConfig(input: unknown): SafetyConfig {
  const parsed = safetyConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const env = (SAFETY_ENV as Record<string, string>)[key];
    return `${key}${env ? ` (${env})` : ''}: ${issue.message}`;
  });
  throw new SafetyConfigError(`Invalid safety configuration: ${problems.join('; ')}.`);
}

/** Reads the SAFETY_ENV variables; unset ones take their defaults. */
export function safetyConfigFromEnv(env: Record<string, string | undefined>): SafetyConfig {
  const raw = {
    toolsets: parseList(env[SAFETY_ENV.toolsets]),
    allow: parseList(env[SAFETY_ENV.allow]),
    deny: parseList(env[SAFETY_ENV.deny]),
    readOnly: parseBoolean(env[SAFETY_ENV.readOnly], SAFETY_ENV.readOnly),
    confirmationSecret: env[SAFETY_ENV.confirmationSecret] || undefined,
    confirmationTtlSeconds: parseInteger(
      env[SAFETY_ENV.confirmationTtlSeconds],
      SAFETY_ENV.confirmationTtlSeconds,
    ),
    protectedUsers: parseList(env[SAFETY_ENV.protectedUsers]),
    protectedDevices: parseList(env[SAFETY_ENV.protectedDevices]),
    maxObjectsPerCall: parseInteger(
      env[SAFETY_ENV.maxObjectsPerCall],
      SAFETY_ENV.maxObjectsPerCall,
    ),
    usedTokenCacheSize: parseInteger(
      env[SAFETY_ENV.usedTokenCacheSize],
      SAFETY_ENV.usedTokenCacheSize,
    ),
    auditLog: env[SAFETY_ENV.auditLog] || undefined,
  };
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  return parseSafetyConfig(defined);
}
