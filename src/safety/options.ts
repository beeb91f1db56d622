/**
 * What createSafety needs: the `safety` section of the configuration, typed and validated by the
 * settings table (src/config/settings.ts), plus the runtime pieces the host provides.
 */
import type { Logger } from 'pino';
import type { SafetyConfig } from '../config/settings.js';
import type { ToolDefinition } from '../registry/types.js';

export type { SafetyConfig };

export interface SafetyOptions {
  config: SafetyConfig;
  /** Every tool the server knows (generated/ plus hand-written ones). */
  tools: readonly ToolDefinition[];
  /** Its own logger, one record per mutating call (createAuditLogger). */
  auditLogger: Logger;
  /** Operational warnings (a generated development secret). Defaults to the audit logger. */
  logger?: Logger;
  /** `production` makes a missing confirmation secret a startup error. Defaults to NODE_ENV. */
  nodeEnv?: string;
  /** Clock in milliseconds, for token issue and expiry. Defaults to Date.now. */
  now?: () => number;
}
