import { createHash, randomBytes } from 'node:crypto';

/**
 * The vocabulary (Lucia's): a *token* is a secret random value a browser holds (the session
 * cookie, the sign-in cookie) or GitHub echoes back (`state`); its *id* is the token's hash,
 * which is what the store keys by and what may be shown (the sessions list). Whoever reads the
 * store gets ids, and an id cannot be turned back into a working cookie.
 */

/** 256 random bits (koa-session's default, a UUID, has 122). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of the token, base64url (43 characters). */
export function idOfToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** What idOfToken gives; anything else cannot name a session. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
