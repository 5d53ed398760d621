import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
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
    const given = ctx.get('X-Request-Id');
    const requestId = trustProxy && WELL_FORMED.test(given) ? given : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    await requestContext.run({ requestId }, next);
  };
}

/** For pino's `mixin`: the request id of whatever request the line is written for. */
export function logMixin(): object {
  const store = requestContext.getStore();
  return store ? { requestId: store.requestId } : {};
}
