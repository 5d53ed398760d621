import type { Middleware } from 'koa';
import type { SessionStore } from '../session/session-store.ts';

/** `GET /healthz`: the process is alive and serving (for restarts by an orchestrator). */
export function healthzRoute(): Middleware {
  return async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  };
}

/**
 * `GET /readyz`: the session store answers, so this instance can take traffic (for a load
 * balancer). A failing ping throws StoreUnavailableError, which the error middleware turns into 503.
 */
export function readyzRoute(store: SessionStore): Middleware {
  return async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    await store.ping();
    ctx.body = { status: 'ready' };
  };
}
