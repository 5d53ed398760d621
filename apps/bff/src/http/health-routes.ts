import type { Middleware } from 'koa';

/** `GET /healthz`: the process is alive and serving (for restarts by an orchestrator). */
export function healthzRoute(): Middleware {
  return async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  };
}

/**
 * `GET /readyz`: what this instance depends on answers (the session store's ping), so it can
 * take traffic (for a load balancer). A failing ping is `store_unavailable`: 503.
 */
export function readyzRoute(ping: () => Promise<void>): Middleware {
  return async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    await ping();
    ctx.body = { status: 'ready' };
  };
}
