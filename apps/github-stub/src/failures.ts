import type { Context, Next } from 'koa';
import type { StubState } from './state.ts';
import type { StubEndpoint, StubFailure } from './types.ts';
import { oauthErrorBody } from './web/oauth-errors.ts';
import { sendTokenResponse } from './web/token-response.ts';

export function queueFailure(state: StubState, endpoint: StubEndpoint, failure: StubFailure, times = 1): void {
  if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
  if ('delayMs' in failure && !(Number.isFinite(failure.delayMs) && failure.delayMs >= 0)) {
    throw new RangeError('delayMs must be a finite number >= 0');
  }
  const queue = state.failures.get(endpoint) ?? [];
  queue.push({ failure, remaining: times });
  state.failures.set(endpoint, queue);
}

function takeFailure(state: StubState, endpoint: StubEndpoint): StubFailure | undefined {
  const queue = state.failures.get(endpoint);
  const next = queue?.[0];
  if (!queue || !next) return undefined;
  next.remaining -= 1;
  if (next.remaining <= 0) queue.shift();
  return next.failure;
}

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** Waits until close() releases it; the socket is destroyed by then, so nothing is sent. */
function hang(state: StubState): Promise<void> {
  return new Promise((resolve) => {
    const release = (): void => {
      state.hanging.delete(release);
      resolve();
    };
    state.hanging.add(release);
  });
}

/** Resolves true after `ms`, or false as soon as close() releases it (the socket is gone by then). */
function delay(state: StubState, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const release = (): void => {
      clearTimeout(timer);
      state.hanging.delete(release);
      resolve(false);
    };
    const timer = setTimeout(() => {
      state.hanging.delete(release);
      resolve(true);
    }, ms);
    state.hanging.add(release);
  });
}

/** Route middleware: answers with the next queued failure for `endpoint`, if any. */
export function injectFailures(state: StubState, endpoint: StubEndpoint) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const failure = takeFailure(state, endpoint);
    if (!failure) {
      await next();
      return;
    }
    if ('hang' in failure) return hang(state);
    if ('delayMs' in failure) {
      if (await delay(state, failure.delayMs)) await next();
      return;
    }
    if ('malformed' in failure) {
      // Claims JSON but is not, like an HTML error page from a proxy in front of GitHub.
      ctx.status = 200;
      ctx.type = 'application/json';
      ctx.body = '<html>oops';
      return;
    }
    if ('oauthError' in failure) {
      sendTokenResponse(ctx, oauthErrorBody(failure.oauthError));
      return;
    }
    ctx.status = failure.status;
    if (failure.body === undefined) {
      ctx.body = { message: 'Server Error (injected by the GitHub stand-in)' };
    } else {
      ctx.type = looksLikeJson(failure.body) ? 'application/json' : 'text/html';
      ctx.body = failure.body;
    }
  };
}
