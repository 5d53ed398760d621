import type Koa from 'koa';
import session from 'koa-session';
import type { Config } from '../config/config.ts';
import { CookieKeys } from '../crypto/cookie-keys.ts';
import { generateToken, idOfToken } from '../crypto/tokens.ts';
import { BffError } from '../errors/index.ts';
import { rememberRequestStore, type RequestStoreView } from './session-context.ts';
import type { SessionData } from './session-data.ts';
import { TIMED_OUT_KEPT_MS } from './session-lifetime.ts';
import type { SessionStore } from './session-store.ts';

/**
 * koa-session with an external store: the cookie holds only a signed random token, the store
 * keeps the data under the token's hash. This is the only module that configures koa-session;
 * routes reach the session through session-context.ts.
 * Security: HttpOnly, SameSite=Lax (Strict would not be sent on GitHub's redirect back), Path=/,
 * no Domain, Secure (and the __Host- prefix) whenever the app is served over https.
 */
export function createSessionMiddleware(
  app: Koa,
  config: Config,
  store: SessionStore,
  now: () => number,
): Koa.Middleware {
  const keys = new CookieKeys(config.session.secrets);
  app.keys = keys;
  const cookieName = config.session.cookieName;

  /**
   * koa-session makes one per request (its ContextStore option). It remembers which session this
   * request loaded, so writing that one back is an update that cannot bring back a session ended
   * meanwhile on another device (ended sessions stay ended), while a session this request started
   * (a new token) is created.
   */
  class RequestStore implements RequestStoreView {
    loaded: { token: string; id: string } | undefined;
    created: { token: string; id: string } | undefined;

    constructor(ctx: Koa.Context) {
      rememberRequestStore(ctx, this);
    }

    async get(token: string): Promise<SessionData | undefined> {
      const id = idOfToken(token);
      const data = await store.get(id);
      if (data) this.loaded = { token, id };
      return data;
    }

    async set(token: string, data: SessionData, maxAge: number | 'session'): Promise<void> {
      const id = idOfToken(token);
      const expiresAt =
        data.expiresAt ?? now() + (typeof maxAge === 'number' ? maxAge : config.session.absoluteTimeoutMs);
      // The store keeps the sealed record a little past the session's own deadline, so that the
      // browser coming back finds it and the evaluator ends it by name (idle or absolute: the
      // audit line and the metric). Nothing can use it then: every use checks the deadline first.
      const keepUntil = expiresAt + TIMED_OUT_KEPT_MS;
      if (token !== this.loaded?.token && token !== this.created?.token) {
        await store.create(id, data, keepUntil);
        this.created = { token, id };
        return;
      }
      if (!(await store.update(id, data, keepUntil))) {
        throw new BffError('unauthenticated', { detail: 'the session ended while this request was in flight' });
      }
    }

    async destroy(token: string): Promise<void> {
      await store.destroy(idOfToken(token));
      if (token === this.loaded?.token) this.loaded = undefined;
    }
  }

  const options = {
    key: cookieName,
    maxAge: config.session.absoluteTimeoutMs,
    httpOnly: true,
    sameSite: 'lax',
    secure: config.session.secureCookie,
    signed: true,
    overwrite: true,
    path: '/',
    rolling: false,
    renew: false,
    genid: generateToken,
    ContextStore: RequestStore,
  };
  // koa-session's bundled option types reject `path` and `ContextStore`'s shape, which it accepts.
  const createKoaSession = session as unknown as (opts: typeof options, app: Koa) => Koa.Middleware;
  const koaSession = createKoaSession(options, app);

  return async (ctx, next) => {
    // PUBLIC_URL is https, so the browser talks TLS to a proxy in front of us even when this
    // hop is plain http: let the cookies library set Secure cookies (it would throw otherwise).
    if (config.session.secureCookie) ctx.cookies.secure = true;
    const rotated = signedWithOlderKey(ctx, keys, cookieName);
    await koaSession(ctx, async () => {
      // The cookies library re-signs a cookie verified by an older key with only Path and
      // HttpOnly, losing SameSite, Secure and Expires: save the session, so koa-session
      // issues both cookies again with every attribute.
      if (rotated && ctx.session && !ctx.session.isNew) await ctx.session.save();
      await next();
    });
  };
}

function signedWithOlderKey(ctx: Koa.Context, keys: CookieKeys, name: string): boolean {
  const value = ctx.cookies.get(name, { signed: false });
  const signature = ctx.cookies.get(`${name}.sig`, { signed: false });
  return value !== undefined && signature !== undefined && keys.index(`${name}=${value}`, signature) > 0;
}
