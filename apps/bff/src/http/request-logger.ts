import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/**
 * One line per request. Security: it logs the path and never the query string (the
 * callback's carries `code` and `state`), nor any header (cookies, authorization).
 */
export function requestLogger(log: Logger): Middleware {
  return async (ctx, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      log.info(
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round((performance.now() - start) * 10) / 10,
        },
        'request',
      );
    }
  };
}
