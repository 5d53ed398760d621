import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { AuthErrorCode } from '../contract.ts';
import { StoreUnavailableError } from '../session/session-store.ts';

const SESSION_UNAVAILABLE: AuthErrorCode = 'session_unavailable';

/**
 * Wraps the session middleware of the sign-in routes. Sign-in is a full-page navigation, so
 * when the store is down the browser should land on the page with a code it can explain, not
 * on a JSON 503. It must sit outside the session middleware: koa-session loads the session
 * before the route runs and saves it after, where the route's own error handling cannot reach.
 */
export function redirectStoreFailures(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      log.warn({ err }, 'session store unavailable during sign-in');
      ctx.redirect(`/?auth_error=${SESSION_UNAVAILABLE}`);
    }
  };
}
