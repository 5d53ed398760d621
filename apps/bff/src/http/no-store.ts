import type { Middleware } from 'koa';

/** Security: answers about who is signed in must never be cached by the browser or a proxy. */
export function noStore(): Middleware {
  return async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  };
}
