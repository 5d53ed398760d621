import type { Context, Next } from 'koa';
import { readBearerToken } from '../http-input.ts';
import { acceptedScopes, hasScope } from '../scopes.ts';
import type { StubState, TokenRecord } from '../state.ts';
import { findLiveToken } from '../tokens.ts';
import { findUser } from '../users.ts';
import type { StubUser } from '../types.ts';
import {
  countAnonymousRequest,
  exhaustUserLimit,
  SECONDARY_RETRY_AFTER_SECONDS,
  showUserLimit,
  spendUserRequest,
} from './rate-limit.ts';

export const API_PREFIX = '/api/v3';
const SUPPORTED_API_VERSION = '2022-11-28';
const DOCS = 'https://docs.github.com/rest';

export function sendApiError(ctx: Context, status: number, message: string, docs = DOCS): void {
  ctx.status = status;
  ctx.body = { message, documentation_url: docs };
}

/**
 * For every /api/v3 request: rejects unknown X-GitHub-Api-Version values with 400, as GitHub
 * does, and makes sure every answer carries rate-limit headers.
 * https://docs.github.com/rest/about-the-rest-api/api-versions
 */
export async function guardApiRequest(ctx: Context, state: StubState, next: Next): Promise<void> {
  ctx.set('X-GitHub-Media-Type', 'github.v3; format=json');
  const version = ctx.get('X-GitHub-Api-Version');
  if (version !== '' && version !== SUPPORTED_API_VERSION) {
    countAnonymousRequest(ctx, state);
    sendApiError(ctx, 400, `API version '${version}' is not supported.`, `${DOCS}/about-the-rest-api/api-versions`);
    return;
  }
  ctx.set('X-GitHub-Api-Version-Selected', SUPPORTED_API_VERSION);
  await next();
  if (ctx.response.get('X-RateLimit-Limit')) return;
  // Answered before authenticate() (an injected failure): the token's user's headers, nothing spent.
  const token = findLiveToken(state, readBearerToken(ctx) ?? '', 'access');
  if (token) showUserLimit(ctx, state, token.login);
  else countAnonymousRequest(ctx, state);
}

function sendPrimaryLimitExceeded(ctx: Context, user: StubUser): void {
  sendApiError(
    ctx,
    403,
    `API rate limit exceeded for user ID ${user.id}.`,
    `${DOCS}/using-the-rest-api/rate-limits-for-the-rest-api`,
  );
}

export interface Caller {
  token: TokenRecord;
  user: StubUser;
}

/** The caller behind the bearer token, or undefined after answering 401/403/429. */
export function authenticate(ctx: Context, state: StubState): Caller | undefined {
  const value = readBearerToken(ctx);
  if (value === undefined) {
    sendApiError(ctx, 401, 'Requires authentication');
    return undefined;
  }
  const token = findLiveToken(state, value, 'access');
  const user = token && findUser(token.login);
  if (!token || !user) {
    sendApiError(ctx, 401, 'Bad credentials');
    return undefined;
  }
  const mode = state.rateLimited.get(user.login);
  if (mode === 'primary') {
    exhaustUserLimit(ctx, state, user.login);
    sendPrimaryLimitExceeded(ctx, user);
    return undefined;
  }
  if (!spendUserRequest(ctx, state, user.login)) {
    sendPrimaryLimitExceeded(ctx, user);
    return undefined;
  }
  if (mode === 'secondary') {
    ctx.set('Retry-After', String(SECONDARY_RETRY_AFTER_SECONDS));
    sendApiError(ctx, 429, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.');
    return undefined;
  }
  ctx.set('X-OAuth-Scopes', token.scopes.join(', '));
  return { token, user };
}

/** Scope gate; answers with `status` when the token lacks the scope (or a parent of it). */
export function requireScope(ctx: Context, caller: Caller, required: string, status: 403 | 404): boolean {
  ctx.set('X-Accepted-OAuth-Scopes', acceptedScopes(required).join(', '));
  if (hasScope(caller.token.scopes, required)) return true;
  if (status === 404) sendApiError(ctx, 404, 'Not Found');
  else sendApiError(ctx, 403, `This endpoint needs the ${required} scope.`);
  return false;
}
