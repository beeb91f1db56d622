/**
 * What createSafety needs: the `safety` section of the configuration, typed and validated by the
 * settings table (src/config/settings.ts), plus the runtime pieces the host provides.
 */
import type { Logger } from 'pino';
import type { SafetyConfig } from '../config/settings.js';
import type { ToolDefinition } from '../registry/types.js';
import type { UsedTokenStore } from '../store/types.js';
import type { ObjectKinds } from './object-kinds.js';

export type { SafetyConfig };

export interface SafetyOptions {
  config: SafetyConfig;
  /** Every tool the server knows (generated/ plus hand-written ones). */
  tools: readonly ToolDefinition[];
  /** The kinds of object tools act on (every `target.kind` and member kind must be here). */
  kinds: ObjectKinds;
  /**
   * Where used confirmation token ids are claimed. Defaults to one process's memory
   * (createMemoryUsedTokenStore, `usedTokenCacheSize` ids); replicas share one store instead.
   */
  usedTokens?: UsedTokenStore;
  /** Its own logger, one record per mutating call (createAuditLogger). */
  auditLogger: Logger;
  /** Operational warnings (a generated development secret). Defaults to the audit logger. */
  logger?: Logger;
  /** `production` makes a missing confirmation secret a startup error. Defaults to NODE_ENV. */
  nodeEnv?: string;
  /** Clock in milliseconds, for token issue and expiry. Defaults to Date.now. */
  now?: () => number;
}
