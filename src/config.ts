/**
 * Configuration: one table of settings (src/config/settings.ts) from which the Config type, the
 * parser, `--help` and the README's table are derived. Flags win over environment variables,
 * which win over defaults; a bad value is a ConfigError naming what the user set.
 */
export { ConfigError, describeListenError, productionSecretMessage } from './config/errors.js';
export { createCommand, loadConfig, readConfig, TOOL_CATALOG } from './config/load.js';
export type { LoadedConfig } from './config/load.js';
export { InvalidValue, parseBoolean, parseList, parseNames } from './config/parse.js';
export type { ToolCatalog } from './config/parse.js';
export { listSettings, MIN_CONFIRMATION_SECRET_LENGTH, SETTINGS } from './config/settings.js';
export type { Config, OAuthConfig, SafetyConfig, Setting } from './config/settings.js';
