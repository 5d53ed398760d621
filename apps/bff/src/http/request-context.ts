import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';

interface RequestContext {
  readonly requestId: string;
}

const requestContext = new AsyncLocalStorage<RequestContext>();
/** What a proxy in front may call a request: no spaces, no separators that could forge a log line. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Every request gets an id: the one a trusted proxy sent (TRUST_PROXY, and well-formed), else a
 * new one. It is in the answer (`X-Request-Id`), in every log line written while the request is
 * served (through the logger's mixin, logMixin), and forwarded to your APIs.
 */
export function requestIds(trustProxy: boolean): Middleware {
  return async (ctx, next) => {
    const requestId = requestIdFor(ctx.get('X-Request-Id'), trustProxy);
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    await requestContext.run({ requestId }, next);
  };
}

/** The id of a request that brought `given` as its X-Request-Id (a WebSocket upgrade, too). */
export function requestIdFor(given: string | undefined, trustProxy: boolean): string {
  return trustProxy && given !== undefined && WELL_FORMED.test(given) ? given : randomUUID();
}

/**
 * The client's address as Koa works it out (`proxy`, `maxIpsCount`), for what is not a Koa
 * request: with a trusted proxy, the left-most of the right-most `hops` X-Forwarded-For entries
 * (what the proxies saw, not what the client wrote); otherwise the socket's peer.
 */
export function clientIpOf(req: IncomingMessage, trustProxy: boolean, hops: number): string {
  const header = req.headers['x-forwarded-for'];
  const forwarded = trustProxy && typeof header === 'string' ? header.split(/\s*,\s*/).filter(Boolean) : [];
  return forwarded.slice(-hops)[0] ?? req.socket.remoteAddress ?? '';
}

/** For pino's `mixin`: the request id of whatever request the line is written for. */
export function logMixin(): object {
  const store = requestContext.getStore();
  return store ? { requestId: store.requestId } : {};
}
