import type { Middleware } from 'koa';
import { BffError } from '../errors/index.ts';

/**
 * Security: a custom header cannot be sent cross-site without a CORS preflight, and this
 * server answers no preflight, so requiring `X-CSRF: 1` stops cross-site requests that would
 * ride on the cookie. It runs before the session is touched: a refused request changes nothing.
 */
export function requireCsrfHeader(): Middleware {
  return async (ctx, next) => {
    if (ctx.get('X-CSRF') !== '1') throw new BffError('csrf_header_missing');
    await next();
  };
}
