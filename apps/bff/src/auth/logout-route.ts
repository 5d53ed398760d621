import type { Middleware } from 'koa';

/**
 * `POST /auth/logout` (with X-CSRF) → 204. Destroys the session in the store, so the old
 * cookie, replayed, is refused; and expires the cookie in the browser.
 */
export function logoutRoute(): Middleware {
  return async (ctx) => {
    // koa-session deletes the store entry and clears the cookie on commit.
    ctx.session = null;
    ctx.status = 204;
  };
}
