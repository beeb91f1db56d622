import { createUpstreamError } from './create-upstream-error.js';

/** The shape openapi-fetch resolves to. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Returns the response body of a 2xx answer (null when it has none), throws an UpstreamError otherwise. */
export function unwrap<T>(result: FetchResult<T>): T | null {
  if (result.response.ok) return result.data ?? null;
  throw createUpstreamError(result.response, result.error);
}
