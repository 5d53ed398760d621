import { isIPv6 } from 'node:net';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';

/**
 * Limits `/auth/login` and `/auth/callback` per client address: 429 with Retry-After past the
 * limit. A store failure lets the attempt through (the sign-in itself then fails clearly).
 * The client address is the socket's, or X-Forwarded-For's only with TRUST_PROXY.
 */
export function limitSignInRate(limiter: RateLimiter, log: Logger): Middleware {
  return async (ctx, next) => {
    let result;
    try {
      result = await limiter.hit(clientKey(ctx));
    } catch (err) {
      log.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, 'rate limiter unavailable');
      return next();
    }
    if (result.allowed) return next();
    ctx.status = 429;
    ctx.set('Retry-After', String(result.retryAfterSeconds));
    ctx.type = 'html';
    ctx.body = `<!doctype html><html lang="en"><title>Too many sign-in attempts</title>
<p>Too many sign-in attempts from your network. Try again in ${result.retryAfterSeconds} seconds.</p>
<p><a href="/">Back</a></p></html>`;
  };
}

/** IPv6 clients are counted per /64: one host usually owns a whole /64. */
function clientKey(ctx: Context): string {
  const ip = ctx.ip.replace(/^::ffff:/, '');
  if (!isIPv6(ip)) return ip;
  const groups = expandIPv6(ip);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  return [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
}
