import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { KeyedHash } from '../crypto/keyed-hash.ts';
import { BffError, errorLogFields } from '../errors/index.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import { clientAddressKey } from './client-address.ts';

/**
 * Limits `/auth/login` and `/auth/callback` per client address: past the limit, `rate_limited`
 * with its wait (the sign-in lands on the page saying how long). A store failure lets the
 * attempt through (the sign-in itself then fails clearly). The address is the socket's, or with
 * TRUST_PROXY the one the trusted proxy saw (Koa's `maxIpsCount`: the right-most hops, never
 * what the client wrote into X-Forwarded-For). Security: counters are named by a keyed hash of
 * the address, so the store holds no client address.
 */
export function limitSignInRate(limiter: RateLimiter, addressKeys: KeyedHash, log: Logger): Middleware {
  return async (ctx, next) => {
    let result;
    try {
      result = await limiter.hit(addressKeys.current(clientAddressKey(ctx.ip)));
    } catch (err) {
      log.warn(errorLogFields(err), 'rate limiter unavailable');
      await next();
      return;
    }
    if (!result.allowed) throw new BffError('rate_limited', { retryAfterSeconds: result.retryAfterSeconds });
    await next();
  };
}
