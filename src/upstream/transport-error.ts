import { UpstreamError } from './errors.js';

/** Why an upstream call ended without an HTTP answer we could use. */
export type TransportFailure = 'timeout' | 'cancelled' | 'network' | 'malformed';

const TEXT: Record<TransportFailure, (timeoutMs: number) => string> = {
  timeout: (ms) =>
    `JumpCloud did not answer within ${ms >= 1000 ? `${Math.round(ms / 1000)} seconds` : `${ms} ms`}, so the call was abandoned. It may still have taken effect: for a change, read the object before retrying; for a read, retry with a narrower filter or a smaller page.`,
  cancelled: () => 'The call was cancelled by the client before JumpCloud answered.',
  network: () =>
    'Could not reach JumpCloud: the connection failed or was dropped. Check network access to the JumpCloud API and retry in a moment; for a change, read the object first to see whether it took effect.',
  malformed: () =>
    'JumpCloud answered with a malformed (non-JSON) body, so the result could not be read. Retry in a moment; if it persists the JumpCloud API may be degraded.',
};

/** An upstream failure without a usable HTTP status: status 0, always an incident. */
export function createTransportError(failure: TransportFailure, timeoutMs: number): UpstreamError {
  const error = new UpstreamError(TEXT[failure](timeoutMs), 0);
  error.failure = failure;
  return error;
}
