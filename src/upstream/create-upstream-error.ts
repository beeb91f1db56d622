import { UpstreamError } from './errors.js';
import { sanitizeUpstreamMessage } from './sanitize.js';

const WHAT_TO_DO: Record<number, string> = {
  400: 'JumpCloud rejected the request as invalid (HTTP 400). Check the arguments against the tool description and try again with corrected values.',
  401: 'JumpCloud did not accept the API key (HTTP 401). Check that the key sent in the Authorization header is a current JumpCloud API key; retrying will not help until the key is fixed.',
  403: 'The API key is not allowed to do this (HTTP 403). Use a key of an administrator with the needed role, or for a multi-tenant (MSP) key check that organizationID names an organization it manages.',
  404: 'JumpCloud found no such object (HTTP 404). Check the id; use a list or search tool to find the right one.',
  409: 'JumpCloud reported a conflict (HTTP 409): the object already exists or is in a state that does not allow this. Read the object again before deciding what to do.',
  422: 'JumpCloud could not process the request (HTTP 422). Check the values of the arguments and try again with corrected values.',
};

/** The organization (`x-org-id`) an error answer was for, recorded by the upstream client. */
const organizationOf = new WeakMap<Response, string>();

/** Records that `response` answered a request for MSP organization `orgId`; returns it. */
export function answeredFor(response: Response, orgId: string): Response {
  organizationOf.set(response, orgId);
  return response;
}

/** With `x-org-id`, a 401 or 403 may be about the organization rather than the key. */
function describeForOrganization(status: number, orgId: string): string | undefined {
  if (status === 401) {
    return `JumpCloud refused the request for organization ${orgId} (HTTP 401): the organization id is unknown, or this key cannot reach it (it is not one of the organizations this administrator manages). Check organizationID in the server URL (Admin Portal, Settings), or connect without it to act on your own organization.`;
  }
  if (status === 403) {
    return `Not allowed in organization ${orgId} (HTTP 403): the administrator may lack the role for this there, or organizationID names an organization this key does not manage.`;
  }
  return undefined;
}

/** Reads a Retry-After header (delta seconds or an HTTP date) as whole seconds from now. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

const retryIn = (seconds: number) => `Retry after ${seconds} second${seconds === 1 ? '' : 's'}`;

function describe(status: number, retryAfterSeconds: number | undefined): string {
  const known = WHAT_TO_DO[status];
  if (known) return known;
  if (status === 429) {
    const when =
      retryAfterSeconds === undefined
        ? 'Wait about a minute before retrying'
        : retryIn(retryAfterSeconds);
    return `JumpCloud is rate limiting this API key (HTTP 429). ${when}, and make fewer calls (use filters and smaller pages).`;
  }
  if (status === 503 && retryAfterSeconds !== undefined) {
    return `JumpCloud is temporarily unavailable (HTTP 503). ${retryIn(retryAfterSeconds)}, as JumpCloud asked; the request itself may be fine.`;
  }
  if (status >= 300 && status < 400) {
    return `JumpCloud answered with a redirect (HTTP ${status}), which is not followed so the API key cannot leak to another address. Check the configured region or base URL.`;
  }
  if (status >= 500) {
    return `JumpCloud had a server error (HTTP ${status}). The request itself may be fine; try again in a minute, and if it persists check https://status.jumpcloud.com.`;
  }
  return `JumpCloud refused the request (HTTP ${status}). Check the arguments and try again.`;
}

/**
 * Builds the error for a non-2xx upstream answer: what happened and what to do, plus JumpCloud's own
 * message when it has one, sanitized (never the raw body, a header or a credential).
 */
export function createUpstreamError(response: Response, body: unknown): UpstreamError {
  const status = response.status;
  const retryAfterSeconds =
    status === 429 || status === 503
      ? parseRetryAfter(response.headers.get('retry-after'))
      : undefined;
  const detail = status >= 500 ? undefined : sanitizeUpstreamMessage(body);
  const orgId = organizationOf.get(response);
  const text =
    (orgId && describeForOrganization(status, orgId)) || describe(status, retryAfterSeconds);
  return new UpstreamError(
    detail ? `${text} JumpCloud said: "${detail}"` : text,
    status,
    retryAfterSeconds,
  );
}
