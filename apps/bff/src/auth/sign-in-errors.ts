import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { factsOf, type SecurityEvents } from '../audit/security-events.ts';
import { ERROR_CODES, errorLogFields, signInErrorLocation, toBffError } from '../errors/index.ts';

/**
 * Around the sign-in routes (`/auth/login`, `/auth/callback`), outside the session middleware so
 * that a store failure while koa-session loads or saves is caught too. Sign-in is a full-page
 * navigation: whatever fails, the browser lands on the page with a code it can explain
 * (`/?auth_error=…`, from the error table), never on a JSON or HTML error page.
 */
export function signInErrors(log: Logger, events: SecurityEvents): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const e = toBffError(err);
      log[e.status === 500 ? 'error' : e.status > 500 ? 'warn' : 'info'](errorLogFields(e), 'sign-in failed');
      events.signInRefused(factsOf(ctx), ERROR_CODES[e.code].signIn, e.detail);
      ctx.set('Cache-Control', 'no-store');
      ctx.set(e.headers);
      ctx.redirect(signInErrorLocation(e));
    }
  };
}
