import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import type { StubState } from '../state.ts';
import type { Caller } from './api-guard.ts';
import { refundUserRequest } from './rate-limit.ts';

/** If-None-Match compares weakly (RFC 9110 §13.1.2) and may list several tags. */
export function etagMatches(header: string, etag: string): boolean {
  const bare = etag.replace(/^W\//, '');
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === bare || tag === '*');
}

/** An ETag over the exact answer and the user it is for (two users' empty lists differ). */
export function etagFor(login: string, json: string, weak: boolean): string {
  const hash = createHash('sha256').update(`${login}\n${json}`).digest('hex').slice(0, 32);
  return `${weak ? 'W/' : ''}"${hash}"`;
}

/**
 * Sends `body` as JSON with an ETag; a matching If-None-Match gets `304 Not Modified` with no
 * body, which does not count against the rate limit.
 * https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
 */
export function sendConditionalJson(
  ctx: Context,
  state: StubState,
  caller: Caller,
  body: unknown,
  { weak = false }: { weak?: boolean } = {},
): void {
  const json = JSON.stringify(body);
  const etag = etagFor(caller.user.login, json, weak);
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', 'private, max-age=60, s-maxage=60');
  ctx.set('Vary', 'Accept, Authorization, Cookie, X-GitHub-OTP');
  if (etagMatches(ctx.get('If-None-Match'), etag)) {
    refundUserRequest(ctx, state, caller.user.login);
    ctx.status = 304;
    return;
  }
  ctx.type = 'application/json';
  ctx.body = json;
}
