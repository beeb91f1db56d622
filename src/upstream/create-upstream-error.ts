import { UpstreamError } from './errors.js';

/** Builds the error for a non-2xx upstream answer. Placeholder text per status; see README "Errors". */
export function createUpstreamError(response: Response, _body: unknown): UpstreamError {
  return new UpstreamError(
    `JumpCloud answered HTTP ${response.status} ${response.statusText}.`,
    response.status,
  );
}
