import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { Identity } from './types.ts';

/**
 * The BFF and this API run on different machines whose clocks drift a little: a token minted
 * a moment ago could look "not yet valid" or expire early. 5 s absorbs NTP-level skew while
 * keeping the 60-second assertion short-lived.
 */
export const CLOCK_TOLERANCE_SECONDS = 5;
/** The BFF's contract: `exp` is at most `iat` + 300 s. A longer-lived token is not one of its tokens. */
export const MAX_TOKEN_LIFETIME_SECONDS = 300;
/** RFC 6750 `b64token`; a JWT is three base64url parts. Long enough for any claims the BFF sends. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const MAX_TOKEN_LENGTH = 8192;
const NUMERIC_ID = /^[0-9]{1,20}$/;

export type AuthResult =
  | { readonly ok: true; readonly identity: Identity }
  /** `missing`: no Bearer credentials at all (RFC 6750 §3.1: no error code in the challenge). */
  | { readonly ok: false; readonly reason: 'missing' | 'invalid_token' | 'jwks_unavailable' };

export interface TokenVerifier {
  /** Judges an `Authorization` header value; never throws, never logs the token. */
  verify(authorization: string | undefined): Promise<AuthResult>;
}

export interface TokenVerifierOptions {
  readonly jwksUrl: string;
  readonly issuer: string;
  readonly audience: string;
  readonly now: () => number;
  readonly jwksCacheMaxAgeMs: number;
  readonly jwksCooldownMs: number;
  readonly log: (line: string) => void;
}

/** Thrown by our key lookup when the key source itself failed, as opposed to the token naming no key. */
class JwksUnavailableError extends Error {}

function readBearer(authorization: string | undefined): string | undefined | null {
  if (authorization === undefined || authorization === '') return undefined;
  const match = BEARER.exec(authorization);
  // Another scheme (Basic …) is "no Bearer credentials"; `Bearer` with junk is an invalid token.
  if (!match?.[1]) return /^Bearer(?: |$)/i.test(authorization) ? null : undefined;
  return match[1].length <= MAX_TOKEN_LENGTH ? match[1] : null;
}

function hasKid(token: string): boolean {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === 'string' && kid !== '';
  } catch {
    return false;
  }
}

function toIdentity(payload: JWTPayload): Identity | undefined {
  const { sub, iat, exp } = payload;
  if (typeof sub !== 'string' || !NUMERIC_ID.test(sub)) return undefined;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > MAX_TOKEN_LIFETIME_SECONDS) return undefined;
  const login: unknown = payload['login'];
  const sid: unknown = payload['sid'];
  return {
    sub,
    login: typeof login === 'string' ? login : undefined,
    sid: typeof sid === 'string' ? sid : undefined,
  };
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const remote = createRemoteJWKSet(new URL(options.jwksUrl), {
    cacheMaxAge: options.jwksCacheMaxAgeMs,
    cooldownDuration: options.jwksCooldownMs,
    timeoutDuration: 5_000,
  });
  let jwksDown = false;
  // jose reports "this kid is not in the set" and "the set could not be fetched" through the same
  // function; only the first is the token's fault. Everything else (network, non-200, bad JSON,
  // a malformed set) is ours: 503, so the BFF and its users retry instead of signing out.
  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      const key = await remote(header, token);
      if (jwksDown) options.log(`notes-api: JWKS at ${options.jwksUrl} reachable again`);
      jwksDown = false;
      return key;
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) {
        jwksDown = false;
        throw error;
      }
      if (!jwksDown) options.log(`notes-api: JWKS at ${options.jwksUrl} unavailable: ${describe(error)}`);
      jwksDown = true;
      throw new JwksUnavailableError();
    }
  };

  return {
    async verify(authorization) {
      const token = readBearer(authorization);
      if (token === undefined) return { ok: false, reason: 'missing' };
      // The contract says every token names its key; without a kid jose would try any key.
      if (token === null || !hasKid(token)) return { ok: false, reason: 'invalid_token' };
      try {
        const { payload } = await jwtVerify(token, getKey, {
          issuer: options.issuer,
          audience: options.audience,
          // Pinning the algorithm refuses `none`, HS256 signed with our public key, and RSA.
          algorithms: ['ES256'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          // Also refuses an `iat` in the future.
          maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
          requiredClaims: ['sub', 'iat', 'exp'],
          currentDate: new Date(options.now()),
        });
        const identity = toIdentity(payload);
        return identity ? { ok: true, identity } : { ok: false, reason: 'invalid_token' };
      } catch (error) {
        if (error instanceof JwksUnavailableError) return { ok: false, reason: 'jwks_unavailable' };
        return { ok: false, reason: 'invalid_token' };
      }
    },
  };
}

/** Name and message only: jose's claim errors carry the payload, which is not for logs. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
}
