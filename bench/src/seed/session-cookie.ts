import Keygrip from 'keygrip';

/**
 * The Cookie header koa-session accepts for a raw session id: `sid=<id>; sid.sig=<sig>`, signed
 * with keygrip and the first SESSION_SECRET key exactly as the `cookies` library signs it.
 */
export function sessionCookieHeader(id: string, secret: string, cookieName = 'sid'): string {
  const keys = new Keygrip([secret]);
  return `${cookieName}=${id}; ${cookieName}.sig=${keys.sign(`${cookieName}=${id}`)}`;
}
