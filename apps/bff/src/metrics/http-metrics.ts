import type { Middleware } from 'koa';
import { methodLabel, statusClass, type BffMetrics } from './bff-metrics.ts';

/**
 * Counts and times every request by its route template (the router's, e.g.
 * `/api/sessions/:id`), never its raw path: a path no route matched is `(unmatched)`, and what
 * the SPA's static files serve is `(static)`.
 */
export function httpMetrics(metrics: BffMetrics): Middleware {
  return async (ctx, next) => {
    const method = methodLabel(ctx.method);
    const started = performance.now();
    metrics.httpActive.inc({ http_request_method: method });
    try {
      await next();
    } finally {
      metrics.httpActive.dec({ http_request_method: method });
      const matched: unknown = (ctx as { _matchedRoute?: unknown })._matchedRoute;
      const route = typeof matched === 'string' ? matched : ctx.status === 404 ? '(unmatched)' : '(static)';
      metrics.httpDuration.observe(
        { http_request_method: method, http_route: route, http_response_status_class: statusClass(ctx.status) },
        (performance.now() - started) / 1000,
      );
    }
  };
}
