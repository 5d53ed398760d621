import { pipeline, type Readable } from 'node:stream';
import type { Context } from 'koa';
import type { Dispatcher, Pool } from 'undici';
import type { UpstreamConfig } from '../config/config.ts';
import { BffError, isBffError } from '../errors/index.ts';
import { headersToBrowser } from './forward-headers.ts';
import { limitBody } from './limit-body.ts';
import { rewriteLocation } from './rewrite-location.ts';

const EMPTY_BODY_STATUSES = new Set([204, 205, 304]);
const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);

export interface Forwarding {
  readonly upstream: UpstreamConfig;
  /** `/api/<name>`: where the browser sees the backend. */
  readonly mount: string;
  /** The backend's path and query, already checked and encoded. */
  readonly path: string;
  readonly headers: Record<string, string | string[]>;
}

/**
 * Sends the request to the backend and the answer back, both bodies streamed (never held
 * whole): the upload counted against maxRequestBytes as it goes (413 past it), the download piped
 * to the browser as it arrives. A browser that goes away aborts the backend request. Failures
 * before an answer: `upstream_unavailable` (502) or `upstream_timeout` (504).
 */
export async function forwardRequest(ctx: Context, pool: Pool, f: Forwarding): Promise<void> {
  const { upstream } = f;
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > upstream.maxRequestBytes) {
    // The body stays unread: this connection cannot carry another request.
    throw new BffError('payload_too_large', { detail: `declared ${declared} bytes`, headers: { Connection: 'close' } });
  }
  const hasBody = !METHODS_WITHOUT_BODY.has(ctx.method) || declared > 0 || ctx.get('Transfer-Encoding') !== '';
  const body = hasBody ? pipeline(ctx.req, limitBody(upstream.maxRequestBytes), () => {}) : null;
  const abort = new AbortController();
  const onClose = () => {
    if (!ctx.res.writableFinished) abort.abort();
  };
  ctx.res.once('close', onClose);

  let answer: Dispatcher.ResponseData;
  try {
    answer = await pool.request({
      path: f.path,
      method: ctx.method,
      headers: f.headers,
      body,
      headersTimeout: upstream.timeoutMs,
      bodyTimeout: upstream.timeoutMs,
      signal: abort.signal,
    });
  } catch (err) {
    throw toUpstreamError(err, upstream, body);
  }
  relay(ctx, answer, f);
}

function relay(ctx: Context, { statusCode, headers, body }: Dispatcher.ResponseData, f: Forwarding): void {
  const passed = headersToBrowser(headers);
  for (const name of ['location', 'content-location']) {
    const value = passed[name];
    if (typeof value === 'string') passed[name] = rewriteLocation(value, f.upstream.target, f.mount);
  }
  const cacheControl = passed['cache-control'];
  delete passed['cache-control'];
  ctx.status = statusCode;
  ctx.set(passed);
  // Personal by default: a backend may keep it in the browser (private…), never in a shared cache.
  if (typeof cacheControl === 'string' && /\b(private|no-store|no-cache)\b/i.test(cacheControl)) {
    ctx.set('Cache-Control', cacheControl);
  }
  ctx.vary('Cookie');
  if (EMPTY_BODY_STATUSES.has(statusCode) || ctx.method === 'HEAD') {
    body.resume();
    return;
  }
  ctx.body = body;
}

function toUpstreamError(err: unknown, upstream: UpstreamConfig, body: Readable | null): BffError {
  // The upload stream failed us: it was too large (limitBody), that is the answer.
  const bodyError: unknown = body?.errored;
  if (isBffError(bodyError, 'payload_too_large')) {
    return new BffError('payload_too_large', { detail: bodyError.detail, headers: { Connection: 'close' } });
  }
  if (isBffError(err)) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  const detail = `${upstream.name}: ${code || (err instanceof Error ? err.message : String(err))}`;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new BffError('upstream_timeout', { detail, cause: err });
  }
  return new BffError('upstream_unavailable', { detail, cause: err });
}
