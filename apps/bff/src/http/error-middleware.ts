import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { apiErrorBody, apiErrorStatus, errorLogFields, toBffError } from '../errors/index.ts';

/**
 * Registered first: a dumb translator from any error to the `{ "error": code }` answer of the
 * error table (errors/error-codes.ts), each failure logged once in one shape (errorLogFields).
 */
export function errorMiddleware(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const e = toBffError(err);
      const status = apiErrorStatus(e);
      // A bug is an error; a dependency that failed (GitHub, the store) a warning; the client's fault, debug.
      const level = status === 500 ? 'error' : status >= 500 ? 'warn' : 'debug';
      log[level](errorLogFields(e), status >= 500 ? 'request failed' : 'request refused');
      ctx.status = status;
      ctx.set('Cache-Control', 'no-store');
      ctx.set(e.headers);
      ctx.body = apiErrorBody(e);
    }
  };
}
