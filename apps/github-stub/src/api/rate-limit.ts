import type { Context } from 'koa';
import type { RateWindow, StubState } from '../state.ts';

// Primary rate limits: 5000/hour for a user token (option rateLimitPerHour), 60/hour
// unauthenticated; the headers on every answer, and 403 with remaining 0 once it is spent.
// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
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

function userKey(login: string): string {
  return login.toLowerCase();
}

/**
 * Spends one request of the user's hourly budget and sets the headers GitHub sends; false
 * (nothing spent, headers say remaining 0) when the budget is already used up.
 */
export function spendUserRequest(ctx: Context, state: StubState, login: string): boolean {
  const limit = state.config.rateLimitPerHour;
  const window = currentWindow(state, userKey(login));
  if (window.used >= limit) {
    setHeaders(ctx, limit, window);
    return false;
  }
  window.used += 1;
  setHeaders(ctx, limit, window);
  return true;
}

/** The user's limit is used up (stub control); the headers say so. */
export function exhaustUserLimit(ctx: Context, state: StubState, login: string): void {
  const window = currentWindow(state, userKey(login));
  window.used = state.config.rateLimitPerHour;
  setHeaders(ctx, state.config.rateLimitPerHour, window);
}

/**
 * "Making a conditional request does not count against your primary rate limit if a 304
 * response is returned": gives back the request counted by authenticate().
 * https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
 */
export function refundUserRequest(ctx: Context, state: StubState, login: string): void {
  const window = currentWindow(state, userKey(login));
  window.used = Math.max(0, window.used - 1);
  setHeaders(ctx, state.config.rateLimitPerHour, window);
}

/** The user's headers without spending anything (answers that did not reach a handler). */
export function showUserLimit(ctx: Context, state: StubState, login: string): void {
  setHeaders(ctx, state.config.rateLimitPerHour, currentWindow(state, userKey(login)));
}

/** Requests the user spent in the current window (0 once it has reset). */
export function usedByUser(state: StubState, login: string): number {
  const window = state.rateWindows.get(userKey(login));
  return window && window.resetAt > state.config.now() ? window.used : 0;
}

export function countAnonymousRequest(ctx: Context, state: StubState): void {
  const window = currentWindow(state, ANONYMOUS_KEY);
  window.used += 1;
  setHeaders(ctx, ANONYMOUS_LIMIT, window);
}
