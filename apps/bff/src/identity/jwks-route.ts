import type { Middleware } from 'koa';
import type { SigningKey } from './signing-keys.ts';

/**
 * `GET /.well-known/jwks.json` (RFC 7517): the public half of every identity-signing key. Cached
 * for five minutes: a backend that meets an unknown `kid` fetches it again (jose's remote key set
 * does), so a new key must be published one deploy before it signs (see the README's rotation).
 */
export function jwksRoute(keys: readonly SigningKey[]): Middleware {
  const body = JSON.stringify({ keys: keys.map((k) => k.publicJwk) });
  return async (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.type = 'application/jwk-set+json';
    ctx.body = body;
  };
}
