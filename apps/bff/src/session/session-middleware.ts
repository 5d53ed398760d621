import type Koa from 'koa';
import session from 'koa-session';
import type { Config } from '../config.ts';
import { CookieKeys } from './cookie-keys.ts';
import type { SessionData } from './session-data.ts';
import { generateSessionId } from './session-id.ts';
import type { SessionStore } from './session-store.ts';

/**
 * koa-session with an external store: the cookie holds only a signed random id.
 * Security: HttpOnly, SameSite=Lax (Strict would not be sent on GitHub's redirect back),
 * Path=/, no Domain, Secure (and the __Host- prefix) whenever the app is served over https.
 */
export function createSessionMiddleware(
  app: Koa,
  config: Config,
  store: SessionStore,
  now: () => number,
): Koa.Middleware {
  app.keys = new CookieKeys(config.session.secrets);
  const options = {
    key: config.session.cookieName,
    maxAge: config.session.absoluteTimeoutMs,
    httpOnly: true,
    sameSite: 'lax',
    secure: config.session.secureCookie,
    signed: true,
    overwrite: true,
    path: '/',
    rolling: false,
    renew: false,
    genid: generateSessionId,
    store: {
      get: (id: string) => store.get(id),
      // The session's own deadline (idle or absolute, whichever comes first) decides how long
      // the store keeps it; koa-session's maxAge is only the fallback for pending logins.
      set: (id: string, data: SessionData, maxAge: number | 'session') =>
        store.set(
          id,
          data,
          data.expiresAt ?? now() + (typeof maxAge === 'number' ? maxAge : config.session.absoluteTimeoutMs),
        ),
      destroy: (id: string) => store.destroy(id),
    },
  };
  // koa-session's bundled option types reject `path`, which the cookies library accepts.
  const middleware = session(options as Parameters<typeof session>[0], app) as Koa.Middleware;
  if (!config.session.secureCookie) return middleware;
  return (ctx, next) => {
    // PUBLIC_URL is https, so the browser talks TLS to a proxy in front of us even when this
    // hop is plain http: let the cookies library set Secure cookies (it would throw otherwise).
    ctx.cookies.secure = true;
    return middleware(ctx, next);
  };
}
