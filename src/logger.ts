import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';

/**
 * Structured JSON logs. Nothing logs headers or credentials (a principal is logged by its
 * fingerprint), and as a second line of defence anything under a credential-looking field name is
 * censored.
 */
export function createLogger({
  level,
  destination,
}: {
  level: string;
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      level,
      base: { service: 'jumpcloud-mcp' },
      redact: {
        paths: [
          'authorization',
          'headers.authorization',
          'headers["x-api-key"]',
          '*.authorization',
          '*["x-api-key"]',
          '*.token',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
