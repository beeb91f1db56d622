/**
 * The resource server's answers to a request it cannot serve (RFC 6750 and RFC 9728): 401 with a
 * `WWW-Authenticate` challenge naming the protected resource metadata and the scopes, or 403
 * `insufficient_scope` naming the scope a call needs.
 */
import { HttpError } from '../../middleware/http-error.js';
import { SCOPES } from './scopes.js';
import type { Site } from './site.js';

function quoted(value: string): string {
  return value.replace(/["\\\r\n]/g, ' ');
}

export function challengeHeader({
  site,
  scope = SCOPES.join(' '),
  error,
  description,
}: {
  site: Site;
  scope?: string;
  error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
  description?: string;
}): string {
  const parts = [`resource_metadata="${site.resourceMetadataUrl}"`, `scope="${scope}"`];
  if (error) parts.push(`error="${error}"`);
  if (description) parts.push(`error_description="${quoted(description)}"`);
  return `Bearer ${parts.join(', ')}`;
}

/** 401: no token, or a token that does not check out. */
export function unauthorized({
  site,
  reason,
  error,
  apiKeys,
}: {
  site: Site;
  reason: string;
  error?: 'invalid_request' | 'invalid_token';
  /** API keys are accepted too: say so. */
  apiKeys?: boolean;
}): HttpError {
  const how = apiKeys
    ? 'Sign in with OAuth (the client discovers how from the WWW-Authenticate header), or send a JumpCloud API key as "Authorization: Bearer <key>".'
    : 'Sign in with OAuth: the client discovers how from the WWW-Authenticate header.';
  return new HttpError(401, `Unauthorized: ${reason} ${how}`, {
    'WWW-Authenticate': challengeHeader({ site, error, description: error ? reason : undefined }),
  });
}

/** 403 insufficient_scope: the token lacks `scope` (step-up: the client may ask for it). */
export function insufficientScope({
  site,
  scope,
  reason,
}: {
  site: Site;
  scope: string;
  reason: string;
}): HttpError {
  return new HttpError(403, `Forbidden: ${reason}`, {
    'WWW-Authenticate': challengeHeader({
      site,
      scope,
      error: 'insufficient_scope',
      description: reason,
    }),
  });
}

/** 403 without a scope to ask for: the person may not connect at all. */
export function accessDenied(reason: string): HttpError {
  return new HttpError(403, `Forbidden: ${reason}`);
}
