/**
 * The safety layer: which tools a connection may see and call, and the gate before each call.
 */
import { randomBytes } from 'node:crypto';
import { createToolSelector } from '../registry/select.js';
import type { ToolDefinition } from '../registry/types.js';
import { createMemoryUsedTokenStore } from '../store/memory-used-tokens.js';
import { createConfirmationTokens } from './confirmation-token.js';
import { createGate } from './gate.js';
import { createRefusals } from './refusals.js';
import { protectedObjects } from './guardrails.js';
import { ConfigError, productionSecretMessage } from '../config/errors.js';
import { SETTINGS } from '../config/settings.js';
import type { ObjectKinds } from './object-kinds.js';
import type { SafetyOptions } from './options.js';
import type { Logger } from 'pino';
import type { Safety } from './types.js';

/**
 * A configured secret, or in development a random one per process (tokens then do not survive a
 * restart or work across replicas). Production without a secret is a startup error.
 */
function confirmationSecret({
  configured,
  nodeEnv = process.env.NODE_ENV,
  logger,
}: {
  configured: string | undefined;
  nodeEnv?: string;
  logger: Logger;
}): string {
  if (configured) return configured;
  if (nodeEnv === 'production') throw new ConfigError(productionSecretMessage());
  logger.warn(
    `${SETTINGS.safety.confirmationSecret.env} is not set: using a random secret for this process. ` +
      'Confirmation tokens will not survive a restart or work across replicas.',
  );
  return randomBytes(48).toString('base64url');
}

/** Every kind a tool acts on must be in the table: otherwise it could be neither named nor protected. */
function checkKinds(tools: readonly ToolDefinition[], kinds: ObjectKinds): void {
  const unknown = tools.flatMap((tool) =>
    [tool.target?.kind, ...Object.values(tool.target?.members ?? {})]
      .filter((kind): kind is string => kind !== undefined && kinds[kind] === undefined)
      .map((kind) => `${tool.name} (${kind})`),
  );
  if (unknown.length > 0) {
    throw new ConfigError(
      `Tools act on kinds of object the kinds table does not describe: ${unknown.join(', ')}. ` +
        `Add them to the table given to createSafety (known: ${Object.keys(kinds).join(', ')}).`,
    );
  }
}

export function createSafety({
  config,
  tools,
  kinds,
  usedTokens,
  auditLogger,
  logger,
  nodeEnv,
  now = Date.now,
}: SafetyOptions): Safety {
  checkKinds(tools, kinds);
  const selector = createToolSelector({
    tools,
    config: {
      toolsets: config.toolsets,
      allow: config.allow,
      deny: config.deny,
      readOnly: config.readOnly,
    },
  });
  const tokens = createConfirmationTokens({
    secret: confirmationSecret({
      configured: config.confirmationSecret,
      nodeEnv,
      logger: logger ?? auditLogger,
    }),
    ttlSeconds: config.confirmationTtlSeconds,
    now,
  });
  const gate = createGate({
    tokens,
    usedTokens:
      usedTokens ?? createMemoryUsedTokenStore({ maxEntries: config.usedTokenCacheSize, now }),
    ttlSeconds: config.confirmationTtlSeconds,
    protection: {
      kinds,
      objects: protectedObjects({
        users: config.protectedUsers,
        devices: config.protectedDevices,
      }),
    },
    maxObjectsPerCall: config.maxObjectsPerCall,
    auditLogger,
    now,
  });
  return {
    select: selector.select,
    gate,
    ...createRefusals({ tools, auditLogger }),
  };
}

export { closeAuditLogger, createAuditLogger } from './audit.js';
export type { AuditRecord, AuditOutcome, AuditTarget, ConfirmationMethod } from './audit.js';
export { AUDIT_REASON_MAX, AUDIT_TARGETS_MAX } from './audit.js';
export type { ObjectKind, ObjectKinds, ObjectLookup, FieldRef } from './object-kinds.js';
export { isMultiTargetResult } from './outcomes.js';
export type { MultiTargetResult, TargetOutcome, TargetStatus } from './outcomes.js';
export { CONFIRMATION_TOKEN_ARG } from './confirm-text.js';
export type { SafetyConfig, SafetyOptions } from './options.js';
export { createToolSelector, SelectionError, isReadOnlyTool } from '../registry/select.js';
export type {
  Safety,
  Selection,
  SelectionRequest,
  GateInput,
  GateDecision,
  CallOutcome,
  Elicit,
  UnavailableInput,
  RefusalInput,
} from './types.js';
