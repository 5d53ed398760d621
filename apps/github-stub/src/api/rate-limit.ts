import type { Context } from 'koa';
import type { RateWindow, StubState } from '../state.ts';

// Primary rate limits: 5000/hour for a user token, 60/hour unauthenticated.
// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
const USER_LIMIT = 5000;
const ANONYMOUS_LIMIT = 60;
const WINDOW_MS = 60 * 60 * 1000;
const ANONYMOUS_KEY = '\0anonymous';
export const SECONDARY_RETRY_AFTER_SECONDS = 60;

function currentWindow(state: StubState, key: string): RateWindow {
  const now = state.config.now();
  const existing = state.rateWindows.get(key);
  if (existing && existing.resetAt > now) return existing;
  const fresh = { used: 0, resetAt: now + WINDOW_MS };
  state.rateWindows.set(key, fresh);
  return fresh;
}

function setHeaders(ctx: Context, limit: number, window: RateWindow): void {
  ctx.set('X-RateLimit-Limit', String(limit));
  ctx.set('X-RateLimit-Remaining', String(Math.max(0, limit - window.used)));
  ctx.set('X-RateLimit-Reset', String(Math.ceil(window.resetAt / 1000)));
  ctx.set('X-RateLimit-Used', String(Math.min(limit, window.used)));
  ctx.set('X-RateLimit-Resource', 'core');
}

/** Counts one request for the user and sets the headers GitHub sends. */
export function countUserRequest(ctx: Context, state: StubState, login: string): void {
  const window = currentWindow(state, login);
  window.used += 1;
  setHeaders(ctx, USER_LIMIT, window);
}

/** The user's limit is used up (stub control); the headers say so. */
export function exhaustUserLimit(ctx: Context, state: StubState, login: string): void {
  const window = currentWindow(state, login);
  window.used = USER_LIMIT;
  setHeaders(ctx, USER_LIMIT, window);
}

/** A 304 to an authorized conditional request does not count against the rate limit. */
export function refundUserRequest(ctx: Context, state: StubState, login: string): void {
  const window = currentWindow(state, login);
  window.used = Math.max(0, window.used - 1);
  setHeaders(ctx, USER_LIMIT, window);
}

export function countAnonymousRequest(ctx: Context, state: StubState): void {
  const window = currentWindow(state, ANONYMOUS_KEY);
  window.used += 1;
  setHeaders(ctx, ANONYMOUS_LIMIT, window);
}
