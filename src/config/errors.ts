import { SETTINGS } from './settings.js';

/** A setting cannot be used as given; the process exits 2 with this message. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Production needs one secret shared by every replica: what is missing and the fix. */
export function productionSecretMessage(): string {
  const { env } = SETTINGS.safety.confirmationSecret;
  return (
    `${env} is required in production (NODE_ENV=production): destructive tools are confirmed with tokens signed by it. ` +
    `Set it to the same random value on every replica, e.g. ${env}="$(openssl rand -base64 48)".`
  );
}

/** Why the server could not listen, as the operating system said it. */
export interface ListenFailure {
  code: string | undefined;
  host: string;
  port: number;
}

/**
 * A failure to listen that a setting can fix (a busy or privileged port, an address this machine
 * does not have) as a message naming the setting; undefined for any other failure.
 */
export function describeListenError({
  failure: { code, host, port },
  label,
}: {
  failure: ListenFailure;
  label: (path: string) => string;
}): string | undefined {
  const at = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `Cannot listen on ${at}: ${at} is already in use by another process. Stop it, or change ${label('port')} (0 picks a free port).`;
    case 'EACCES':
      return `Cannot listen on ${at}: this user may not open port ${port}. Change ${label('port')} to 1024 or above, or run with the privilege to bind it.`;
    case 'EADDRNOTAVAIL':
      return `Cannot listen on ${at}: ${host} is not an address of this machine. Change ${label('host')} to one of its addresses, 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `Cannot listen on ${at}: the host name ${host} does not resolve. Change ${label('host')} to an address of this machine, 127.0.0.1 or 0.0.0.0.`;
    default:
      return undefined;
  }
}
