import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { ApiErrorCode, ErrorResponse } from '../contract.ts';
import { StoreUnavailableError } from '../session/session-store.ts';
import { HttpError } from './http-error.ts';

/**
 * Registered first. Turns every error into `{ "error": code }` with a fitting status: HttpError
 * as it says, Koa's own client errors (bad input) as a 4xx, an unreachable store as 503, and
 * anything else as a logged 500 whose details never leave the server.
 */
export function errorMiddleware(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const { status, code, headers } = classify(err);
      if (status >= 500) log.error({ err }, 'request failed');
      ctx.status = status;
      ctx.set('Cache-Control', 'no-store');
      for (const [name, value] of Object.entries(headers)) ctx.set(name, value);
      const body: ErrorResponse = { error: code };
      ctx.body = body;
    }
  };
}

function classify(err: unknown): { status: number; code: ApiErrorCode; headers: Record<string, string> } {
  if (err instanceof HttpError) return { status: err.status, code: err.code, headers: err.headers };
  if (err instanceof StoreUnavailableError) {
    return { status: 503, code: 'session_store_unavailable', headers: { 'Retry-After': '1' } };
  }
  const status = clientErrorStatus(err);
  if (status !== undefined) return { status, code: status === 404 ? 'not_found' : 'bad_request', headers: {} };
  return { status: 500, code: 'internal_error', headers: {} };
}

/** Koa and its libraries mark errors caused by the request with a 4xx `status` (or URIError for bad %-encoding). */
function clientErrorStatus(err: unknown): number | undefined {
  if (err instanceof URIError) return 400;
  if (typeof err !== 'object' || err === null || !('status' in err)) return undefined;
  const status = err.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
