import type { IncomingHttpHeaders } from 'node:http';
import type { Config } from '../config/config.ts';
import { CookieKeys } from '../crypto/cookie-keys.ts';

/**
 * The session token of a request koa-session does not see (a WebSocket upgrade): the cookie and
 * its `.sig`, verified with the same keys (any of SESSION_SECRET's: rotation). Undefined when
 * there is none or the signature does not hold.
 */
export function createSessionCookieReader(config: Config): (headers: IncomingHttpHeaders) => string | undefined {
  const keys = new CookieKeys(config.session.secrets);
  const name = config.session.cookieName;
  return (headers) => {
    const jar = parseCookieHeader(headers.cookie ?? '');
    const value = jar.get(name);
    const signature = jar.get(`${name}.sig`);
    if (value === undefined || signature === undefined) return undefined;
    return keys.index(`${name}=${value}`, signature) >= 0 ? value : undefined;
  };
}

/** RFC 6265 §5.4's `name=value; name=value`; the first of a repeated name wins, as in `cookies`. */
function parseCookieHeader(header: string): Map<string, string> {
  const jar = new Map<string, string>();
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    if (!jar.has(name)) jar.set(name, pair.slice(eq + 1).trim());
  }
  return jar;
}
