import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestFacts } from '../audit/security-events.ts';
import type { UpstreamConfig } from '../config/config.ts';
import { clientIpOf, requestIdFor } from '../http/request-context.ts';
import { TIMED_OUT_KEPT_MS } from '../session/session-lifetime.ts';
import { idOfToken } from '../crypto/tokens.ts';
import { apiErrorBody, apiErrorStatus, BffError, errorLogFields, toBffError } from '../errors/index.ts';
import type { IdentityTokens } from '../identity/identity-tokens.ts';
import type { Services } from '../services.ts';
import type { SessionEvaluator } from '../signed-in/evaluate-session.ts';
import type { SignedInSession } from '../signed-in/signed-in-session.ts';
import { headersToUpstream } from '../upstream/forward-headers.ts';
import type { SocketRegistry } from '../upstream/socket-registry.ts';
import type { LazyWebSockets } from '../upstream/lazy-websockets.ts';
import { encodeProxyPath, parseProxyPath } from './github-proxy-paths.ts';
import { mayUseUpstream } from './upstream-access.ts';
import { identityHeaders } from './upstream-route.ts';

export type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface WebSocketDeps {
  readonly evaluator: SessionEvaluator;
  readonly identity: IdentityTokens;
  readonly registry: SocketRegistry;
  readonly readSessionToken: (headers: IncomingMessage['headers']) => string | undefined;
  readonly webSockets: LazyWebSockets;
}

/** The browser's handshake headers: the connection to the backend makes its own. */
const HANDSHAKE = /^(sec-websocket-|origin$)/;

/**
 * WebSocket upgrades of `/api/<name>/…` for upstreams with `"websocket": true`, proxied with the
 * same identity as HTTP. Security: a browser cannot put `X-CSRF` on a WebSocket, so `Origin` must
 * be PUBLIC_URL (the defence against cross-site WebSocket hijacking); the session is checked as
 * for any request, and the socket is closed when the session ends (socket-registry.ts).
 */
export function createUpgradeListener(services: Services, deps: WebSocketDeps): UpgradeListener {
  const upstreams = services.config.upstreams.filter((u) => u.websocket);
  const publicUrl = new URL(services.config.publicUrl);
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    void upgrade(req, socket, head).catch((err: unknown) => {
      const e = toBffError(err);
      if (apiErrorStatus(e) >= 500) services.log.warn(errorLogFields(e), 'websocket upgrade failed');
      refuse(socket, e);
    });
  };

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // The raw path: URL parsing would resolve `%2e%2e` before the path could be refused.
    const [pathname = '/', query] = (req.url ?? '/').split(/\?(.*)/s);
    const upstream = upstreams.find((u) => pathname === `/api/${u.name}` || pathname.startsWith(`/api/${u.name}/`));
    if (!upstream) throw new BffError('not_found', { detail: 'no WebSocket upstream here' });
    if (req.headers.origin !== publicUrl.origin)
      throw new BffError('cross_origin_websocket', { detail: `Origin ${req.headers.origin ?? '(none)'}` });
    const rest = pathname.slice(`/api/${upstream.name}`.length) || '/';
    const segments = rest === '/' ? [] : parseProxyPath(rest);
    if (!segments) throw new BffError('bad_request', { detail: 'path refused before forwarding' });
    const { trustProxy, trustProxyHops } = services.config.http;
    const facts = {
      requestId: requestIdFor(req.headers['x-request-id'] as string | undefined, trustProxy),
      ip: clientIpOf(req, trustProxy, trustProxyHops),
      userAgent: (req.headers['user-agent'] ?? '').slice(0, 200),
    };
    const identity = upstream.anonymous
      ? {}
      : await identityHeaders(await signedIn(req, upstream, facts), upstream, deps.identity);
    const target = new URL(upstream.target);
    target.protocol = target.protocol === 'https:' ? 'wss:' : 'ws:';
    target.pathname = `${target.pathname.replace(/\/+$/, '')}${encodeProxyPath(segments)}`;
    target.search = query ? `?${query}` : '';
    const forwarded = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HANDSHAKE.test(name)));
    const { wss, bridge } = await deps.webSockets.get();
    const result = await bridge(wss, {
      req,
      socket,
      head,
      target: target.href,
      timeoutMs: upstream.timeoutMs,
      headers: headersToUpstream(forwarded, {
        'x-forwarded-for': facts.ip,
        'x-forwarded-proto': publicUrl.protocol.slice(0, -1),
        'x-forwarded-host': publicUrl.host,
        'x-request-id': facts.requestId,
        ...identity,
      }),
    });
    if (!result.ok) {
      throw new BffError('upstream_unavailable', {
        detail: `${upstream.name} refused the upgrade: ${result.status ?? 'no answer'}`,
      });
    }
    const sessionId =
      identity.authorization === undefined ? undefined : idOfToken(deps.readSessionToken(req.headers) ?? '');
    if (sessionId !== undefined) deps.registry.add(sessionId, result.client);
  }

  async function signedIn(
    req: IncomingMessage,
    upstream: UpstreamConfig,
    facts: RequestFacts,
  ): Promise<SignedInSession> {
    const token = deps.readSessionToken(req.headers);
    if (token === undefined) throw new BffError('unauthenticated');
    const id = idOfToken(token);
    const data = await services.store.get(id);
    if (!data) throw new BffError('unauthenticated');
    const verdict = await deps.evaluator.evaluate(token, id, data, facts);
    if (!verdict.alive) {
      await services.store.destroy(id);
      services.events.sessionEnded(facts, verdict.who, verdict.reason);
      throw new BffError('unauthenticated', { detail: `session ended: ${verdict.reason}` });
    }
    if (Object.keys(verdict.changes).length > 0) {
      const next = { ...data, ...verdict.changes };
      const keepUntil = (next.expiresAt ?? verdict.session.expiresAt) + TIMED_OUT_KEPT_MS;
      if (!(await services.store.update(id, next, keepUntil))) {
        throw new BffError('unauthenticated', { detail: 'the session ended during the upgrade' });
      }
    }
    if (!mayUseUpstream(upstream.access, verdict.session.user.login, verdict.session.memberships)) {
      if (verdict.session.memberships?.ssoWithheldOrgIds?.length) {
        throw new BffError('sso_withheld', { detail: `${upstream.name}: orgs withheld for SAML SSO` });
      }
      throw new BffError('not_allowed', { detail: `${upstream.name}: the access rule does not admit this user` });
    }
    return verdict.session;
  }
}

/** An HTTP answer on the raw socket (there is no response object for an upgrade), then close. */
function refuse(socket: Duplex, err: BffError): void {
  if (socket.destroyed) return;
  const status = apiErrorStatus(err);
  const body = JSON.stringify(apiErrorBody(err));
  const extra = Object.entries(err.headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nConnection: close\r\n${extra}\r\n${body}`,
  );
}
