/**
 * Confirmation tokens for plan-then-apply: HS256 JWTs signed by the server, short-lived, bound to
 * the principal's fingerprint, the organization, the tool, its targets and the hash of its exact
 * arguments. Single use is the gate's: it claims the token's id in a UsedTokenStore right before
 * the call executes.
 */
import { randomBytes } from 'node:crypto';
import type * as Jose from 'jose';
import { canonicalHash } from './canonical-json.js';

/** jose (46 modules) loads with the first confirmation, not with every start. */
let jose: Promise<typeof Jose> | undefined;
const loadJose = () => (jose ??= import('jose'));

// The model reads and writes the token back, so it is kept small: no `typ`, `iss` or `iat`, a
// 128-bit id, and the arguments as a 128-bit hash.
const AUDIENCE = 'confirm';
const ARGS_HASH_LENGTH = 22;

/** What a token is bound to; every field must match on the confirming call. */
export interface TokenBinding {
  tool: string;
  argsHash: string;
  /** The fingerprint of the principal the preview was shown to. */
  principalFingerprint: string;
  orgId: string;
  targetIds: readonly string[];
  /**
   * Keep the ids themselves in the token, for a confirming call that takes its objects from it (a
   * group's members as previewed). Otherwise several ids are kept as a hash: the model reads and
   * writes the token back, and ids it listed itself are in its arguments already.
   */
  listTargets?: boolean;
}

interface TokenClaims {
  tool: string;
  args: string;
  kfp: string;
  org: string;
  /** The target ids, when kept as such. */
  tgt?: string[];
  /** Otherwise their hash. */
  tgh?: string;
}

const targetsHash = (ids: readonly string[]) => canonicalHash(ids).slice(0, ARGS_HASH_LENGTH);

export interface IssuedToken {
  token: string;
  tokenId: string;
  expiresAt: Date;
}

export type TokenCheck =
  | {
      ok: true;
      tokenId: string;
      /** When the token expires; its id must be remembered as used until then. */
      expiresAt: Date;
      /** The ids of the objects it was issued for. */
      targetIds: string[];
    }
  | { ok: false; reason: string; tokenId?: string };

export interface ConfirmationTokens {
  issue(binding: TokenBinding): Promise<IssuedToken>;
  /**
   * Verifies signature, expiry and every binding. Whether it was used is the UsedTokenStore's
   * answer. A binding without `targetIds` (a call naming a group, whose members were read at the
   * preview) takes the token's: the call acts on exactly the objects that were previewed.
   */
  check(
    token: string,
    binding: Omit<TokenBinding, 'targetIds'> & { targetIds?: readonly string[] },
  ): Promise<TokenCheck>;
}

function describeIds(ids: readonly string[]): string {
  return ids.length === 0 ? 'no target' : ids.join(', ');
}

function mismatch(
  claims: TokenClaims,
  binding: Omit<TokenBinding, 'targetIds'> & { targetIds?: readonly string[] },
): string | undefined {
  if (claims.kfp !== binding.principalFingerprint) {
    return 'it was issued to a different principal (another caller)';
  }
  if (claims.org !== binding.orgId) return 'it was issued for a different organization';
  if (claims.tool !== binding.tool) return `it was issued for ${claims.tool}, not ${binding.tool}`;
  if (binding.targetIds === undefined) {
    if (claims.tgt === undefined) return 'it was not issued for the members of a group';
  } else if (claims.tgt !== undefined) {
    if (claims.tgt.join('\n') !== binding.targetIds.join('\n')) {
      return `it was issued for ${describeIds(claims.tgt)}, not ${describeIds(binding.targetIds)}`;
    }
  } else if (claims.tgh !== targetsHash(binding.targetIds)) {
    return 'it was issued for a different set of objects';
  }
  if (claims.args !== binding.argsHash.slice(0, ARGS_HASH_LENGTH)) {
    return 'it was issued for different arguments; a token confirms only the exact call that was previewed';
  }
  return undefined;
}

function isClaims(
  payload: Record<string, unknown>,
): payload is Record<string, unknown> & TokenClaims {
  return (
    typeof payload.tool === 'string' &&
    typeof payload.args === 'string' &&
    typeof payload.kfp === 'string' &&
    typeof payload.org === 'string' &&
    ((Array.isArray(payload.tgt) && payload.tgt.every((t) => typeof t === 'string')) ||
      (payload.tgt === undefined && typeof payload.tgh === 'string'))
  );
}

export function createConfirmationTokens({
  secret,
  ttlSeconds,
  now,
}: {
  secret: string;
  ttlSeconds: number;
  now: () => number;
}): ConfirmationTokens {
  const key = new TextEncoder().encode(secret);

  async function issue(binding: TokenBinding): Promise<IssuedToken> {
    const tokenId = randomBytes(16).toString('base64url');
    const issuedAt = Math.floor(now() / 1000);
    const expiresAt = issuedAt + ttlSeconds;
    const claims: TokenClaims = {
      tool: binding.tool,
      args: binding.argsHash.slice(0, ARGS_HASH_LENGTH),
      kfp: binding.principalFingerprint,
      org: binding.orgId,
      ...(binding.listTargets || binding.targetIds.length <= 1
        ? { tgt: [...binding.targetIds] }
        : { tgh: targetsHash(binding.targetIds) }),
    };
    const { SignJWT } = await loadJose();
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience(AUDIENCE)
      .setJti(tokenId)
      .setExpirationTime(expiresAt)
      .sign(key);
    return { token, tokenId, expiresAt: new Date(expiresAt * 1000) };
  }

  async function check(
    token: string,
    binding: Omit<TokenBinding, 'targetIds'> & { targetIds?: readonly string[] },
  ): Promise<TokenCheck> {
    const { jwtVerify, errors: joseErrors } = await loadJose();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        requiredClaims: ['jti', 'exp'],
        currentDate: new Date(now()),
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        const exp =
          typeof error.payload.exp === 'number' ? new Date(error.payload.exp * 1000) : undefined;
        return {
          ok: false,
          reason: `the confirmation_token expired${exp ? ` at ${exp.toISOString()}` : ''}`,
          tokenId: typeof error.payload.jti === 'string' ? error.payload.jti : undefined,
        };
      }
      return {
        ok: false,
        reason:
          'the confirmation_token is not valid: it was not issued by this server, was altered, or the server’s secret changed',
      };
    }
    const tokenId = payload.jti as string;
    if (!isClaims(payload)) {
      return {
        ok: false,
        reason: 'the confirmation_token is not a confirmation for a tool call',
        tokenId,
      };
    }
    const wrong = mismatch(payload, binding);
    if (wrong)
      return {
        ok: false,
        reason: `the confirmation_token does not match this call: ${wrong}`,
        tokenId,
      };
    return {
      ok: true,
      tokenId,
      expiresAt: new Date((payload.exp as number) * 1000),
      targetIds: [...(payload.tgt ?? [])],
    };
  }

  return { issue, check };
}
