import type { Context } from 'koa';

/**
 * GitHub answers the token endpoint in JSON only when Accept asks for it, and
 * form-urlencoded otherwise. Every OAuth error there is HTTP 200.
 * https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#response
 */
export function sendTokenResponse(ctx: Context, body: object): void {
  ctx.status = 200;
  ctx.set('Cache-Control', 'no-store');
  if (ctx.get('Accept').includes('application/json')) {
    ctx.body = body;
    return;
  }
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) form.set(key, String(value));
  ctx.type = 'application/x-www-form-urlencoded';
  ctx.body = form.toString();
}
