import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits (koa-session's default, a UUID, has 122). */
export function generateSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Stores key sessions by this hash rather than the id itself: whoever reads the store
 * cannot turn a row into a working cookie.
 */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}
