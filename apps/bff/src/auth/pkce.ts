import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: RFC 9700 §4.7.1 asks for an unguessable, single-use `state`. */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}

/** RFC 7636 §4.1: 43 characters of base64url from 32 random bytes. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** RFC 7636 §4.2: S256, the only method GitHub supports. */
export function createCodeChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}
