import Router from '@koa/router';
import Koa from 'koa';
import { pino, type Logger } from 'pino';
import { githubProxyRoute } from './api/github-proxy-route.ts';
import { meRoute } from './api/me-route.ts';
import { metaRoute } from './api/meta-route.ts';
import { sessionsRoutes } from './api/sessions-routes.ts';
import { upstreamRoute } from './api/upstream-route.ts';
import { createUpgradeListener, type UpgradeListener } from './api/upstream-websocket.ts';
import { callbackRoute } from './auth/callback-route.ts';
import { limitSignInRate } from './auth/limit-sign-in-rate.ts';
import { loginRoute } from './auth/login-route.ts';
import { disconnectRoute, logoutRoute } from './auth/logout-route.ts';
import { signInErrors } from './auth/sign-in-errors.ts';
import type { Config } from './config/config.ts';
import { createKeyedHash } from './crypto/keyed-hash.ts';
import { BffError } from './errors/index.ts';
import { createGitHubApi } from './github/github-api.ts';
import { createSecurityEvents } from './audit/security-events.ts';
import { createIdentityTokens } from './identity/identity-tokens.ts';
import { createBffMetrics, type BffMetrics } from './metrics/bff-metrics.ts';
import { githubMetricsObserver } from './metrics/github-metrics.ts';
import { httpMetrics } from './metrics/http-metrics.ts';
import { instrumentStore } from './metrics/store-metrics.ts';
import { requestIds } from './http/request-context.ts';
import { jwksRoute } from './identity/jwks-route.ts';
import { loadSigningKeys } from './identity/signing-keys.ts';
import { createGitHubOAuth } from './github/github-oauth.ts';
import { errorMiddleware } from './http/error-middleware.ts';
import { healthzRoute, readyzRoute } from './http/health-routes.ts';
import { noStore } from './http/no-store.ts';
import { requestLogger } from './http/request-logger.ts';
import { requireCsrfHeader } from './http/require-csrf-header.ts';
import { securityHeaders } from './http/security-headers.ts';
import { serveSpa } from './http/serve-spa.ts';
import { createMemoryRateLimiter } from './rate-limit/memory-rate-limiter.ts';
import type { RateLimiter } from './rate-limit/rate-limiter.ts';
import type { Services } from './services.ts';
import { observeEndedSessions } from './session/observe-ended-sessions.ts';
import { createSessionCookieReader } from './session/session-cookie.ts';
import { checkLifetime, isUserSession } from './session/session-lifetime.ts';
import { createSessionMiddleware } from './session/session-middleware.ts';
import type { SessionStore } from './session/session-store.ts';
import { createSignedIn } from './signed-in/require-signed-in.ts';
import { createSocketRegistry } from './upstream/socket-registry.ts';
import { lazyWebSockets } from './upstream/lazy-websockets.ts';
import { createUpstreamPools } from './upstream/upstream-pools.ts';
import { webhookRoute } from './webhooks/webhook-route.ts';

/** The BFF: the Koa app for HTTP, the listener for WebSocket upgrades, and what to close at shutdown. */
export interface Bff {
  readonly koa: Koa;
  /** What `GET /metrics` serves (on the metrics listener, never the public port). */
  readonly metrics: BffMetrics;
  readonly handleUpgrade: UpgradeListener;
  /** Closes what the app itself holds (upstream connections, WebSockets); not the store. */
  close(): Promise<void>;
}

export interface AppDeps {
  readonly store: SessionStore;
  /** The clock for session and login lifetimes (tests move it). */
  readonly now?: () => number;
  readonly log?: Logger;
  /** Counts sign-in attempts per address; in-process unless given (server.ts passes Redis's). */
  readonly signInRateLimiter?: RateLimiter;
  /** Where the audit trail goes (AUDIT_LOG_FILE's logger); the log, unless given. */
  readonly auditLog?: Logger;
}

/** The Koa app alone, for callers that serve plain HTTP (no upstream WebSockets). */
export function createApp(config: Config, deps: AppDeps): Koa {
  return createBff(config, deps).koa;
}

/** Builds the BFF: the composition root. Opens no port: server.ts listens, tests may use `koa.callback()`. */
export function createBff(config: Config, deps: AppDeps): Bff {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? pino({ level: 'silent' });
  const { github } = config;
  const metrics = createBffMetrics(config.metrics !== null);
  const events = createSecurityEvents(deps.auditLog ?? log, metrics);
  const githubObserver = githubMetricsObserver(metrics, now);
  const signingKeys = loadSigningKeys(config.identity.signingKeys);
  const identity = createIdentityTokens(config, signingKeys, now);
  // WebSockets hang on sessions: the registry asks the store whether a session lives, and the
  // store tells the registry (and the assertion cache) of every session this instance ends.
  const lifetime = { idleMs: config.session.idleTimeoutMs, absoluteMs: config.session.absoluteTimeoutMs };
  const instrumented = instrumentStore(deps.store, metrics, config.session.store);
  const sockets = createSocketRegistry(async (id) => {
    const data = await instrumented.get(id);
    return data !== undefined && isUserSession(data) && checkLifetime(data, lifetime, now()).alive;
  });
  const store = observeEndedSessions(instrumented, (id) => {
    identity.forgetSession(id);
    sockets.endSession(id);
  });
  const services: Services = {
    config,
    now,
    log,
    lifetime,
    store,
    events,
    oauth: createGitHubOAuth(
      {
        clientId: github.clientId,
        clientSecret: github.clientSecret,
        githubUrl: github.url,
        redirectUri: config.redirectUri,
        scopes: github.scopes,
        timeoutMs: github.timeoutMs,
        observer: githubObserver,
      },
      now,
    ),
    githubApi: createGitHubApi({
      apiUrl: github.apiUrl,
      timeoutMs: github.timeoutMs,
      observer: githubObserver,
    }),
  };

  // Security: with TRUST_PROXY, the client address is the one the trusted proxies saw: Koa keeps
  // only the right-most TRUST_PROXY_HOPS entries of X-Forwarded-For, never what the client wrote.
  const app = new Koa({ proxy: config.http.trustProxy, maxIpsCount: config.http.trustProxyHops });
  app.silent = true; // errors are logged by errorMiddleware, once
  app.use(requestIds(config.http.trustProxy));
  app.use(httpMetrics(metrics));
  app.use(requestLogger(log));
  app.use(errorMiddleware(log));
  app.use(securityHeaders(config));

  const withSession = createSessionMiddleware(app, config, store, now);
  const signedIn = createSignedIn(services);
  const pools = createUpstreamPools(config.upstreams);
  const webSockets = lazyWebSockets();
  const signIn = [
    signInErrors(log, events),
    limitSignInRate(
      deps.signInRateLimiter ?? createMemoryRateLimiter(config.signInRateLimit, now),
      createKeyedHash(config.session.secrets, 'rate-limit'),
      log,
    ),
  ];
  const sessions = sessionsRoutes(services);
  const router = new Router();
  router.use(['/auth', '/api'], noStore());
  // Security: the CSRF check comes before the session is loaded, so a refused request
  // cannot change anything; it covers every /api path, known or not, and every method.
  router.use('/api', requireCsrfHeader());
  router.get('/auth/login', ...signIn, loginRoute(services));
  router.get('/auth/callback', ...signIn, withSession, callbackRoute(services));
  router.post('/auth/logout', requireCsrfHeader(), withSession, logoutRoute(services));
  router.post('/auth/disconnect', requireCsrfHeader(), withSession, disconnectRoute(services));
  router.get('/api/me', withSession, signedIn(meRoute));
  router.get('/api/meta', metaRoute(services));
  router.all(['/api/github', '/api/github/{*path}'], withSession, signedIn(githubProxyRoute(services)));
  router.get('/api/sessions', withSession, signedIn(sessions.list));
  router.post('/api/sessions/sign-out-others', withSession, signedIn(sessions.signOutOthers));
  router.delete('/api/sessions/:id', withSession, signedIn(sessions.destroy));
  for (const upstream of config.upstreams) {
    router.all(
      [`/api/${upstream.name}`, `/api/${upstream.name}/{*rest}`],
      ...(upstream.anonymous ? [] : [withSession]),
      upstreamRoute(services, upstream, { pools, identity, signedIn, metrics }),
    );
  }
  // Outside /api: GitHub sends no X-CSRF; the signature authenticates the delivery instead.
  router.post('/webhooks/github', webhookRoute(services, signedIn.evaluator));
  router.get('/.well-known/jwks.json', jwksRoute(signingKeys));
  router.get('/healthz', healthzRoute());
  router.get(
    '/readyz',
    readyzRoute(() => store.ping()),
  );
  router.all(['/api/{*rest}', '/auth/{*rest}'], () => {
    throw new BffError('not_found');
  });
  app.use(router.routes());
  if (config.webDistDir) app.use(serveSpa(config.webDistDir));
  const handleUpgrade = createUpgradeListener(services, {
    evaluator: signedIn.evaluator,
    identity,
    registry: sockets,
    readSessionToken: createSessionCookieReader(config),
    webSockets,
  });
  return {
    koa: app,
    metrics,
    handleUpgrade,
    async close() {
      sockets.close();
      await webSockets.close();
      await pools.close();
    },
  };
}
