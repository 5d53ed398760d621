import Router from '@koa/router';
import Koa from 'koa';
import { pino, type Logger } from 'pino';
import { githubProxyRoute } from './api/github-proxy-route.ts';
import { meRoute } from './api/me-route.ts';
import { metaRoute } from './api/meta-route.ts';
import { sessionsRoutes } from './api/sessions-routes.ts';
import { callbackRoute } from './auth/callback-route.ts';
import { limitSignInRate } from './auth/limit-sign-in-rate.ts';
import { loginRoute } from './auth/login-route.ts';
import { disconnectRoute, logoutRoute } from './auth/logout-route.ts';
import { signInErrors } from './auth/sign-in-errors.ts';
import type { Config } from './config/config.ts';
import { createKeyedHash } from './crypto/keyed-hash.ts';
import { BffError } from './errors/index.ts';
import { createGitHubApi } from './github/github-api.ts';
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
import { createSessionMiddleware } from './session/session-middleware.ts';
import type { SessionStore } from './session/session-store.ts';
import { createSignedIn } from './signed-in/require-signed-in.ts';

export interface AppDeps {
  readonly store: SessionStore;
  /** The clock for session and login lifetimes (tests move it). */
  readonly now?: () => number;
  readonly log?: Logger;
  /** Counts sign-in attempts per address; in-process unless given (server.ts passes Redis's). */
  readonly signInRateLimiter?: RateLimiter;
}

/** Builds the BFF: the composition root. Opens no port: server.ts listens, tests may use `app.callback()`. */
export function createApp(config: Config, deps: AppDeps): Koa {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? pino({ level: 'silent' });
  const { github } = config;
  const services: Services = {
    config,
    now,
    log,
    lifetime: { idleMs: config.session.idleTimeoutMs, absoluteMs: config.session.absoluteTimeoutMs },
    store: deps.store,
    oauth: createGitHubOAuth(
      {
        clientId: github.clientId,
        clientSecret: github.clientSecret,
        githubUrl: github.url,
        redirectUri: config.redirectUri,
        scopes: github.scopes,
        timeoutMs: github.timeoutMs,
      },
      now,
    ),
    githubApi: createGitHubApi({ apiUrl: github.apiUrl, timeoutMs: github.timeoutMs }),
  };

  // Security: with TRUST_PROXY, the client address is the one the trusted proxies saw: Koa keeps
  // only the right-most TRUST_PROXY_HOPS entries of X-Forwarded-For, never what the client wrote.
  const app = new Koa({ proxy: config.http.trustProxy, maxIpsCount: config.http.trustProxyHops });
  app.silent = true; // errors are logged by errorMiddleware, once
  app.use(requestLogger(log));
  app.use(errorMiddleware(log));
  app.use(securityHeaders(config));

  const withSession = createSessionMiddleware(app, config, deps.store, now);
  const signedIn = createSignedIn(services);
  const signIn = [
    signInErrors(log),
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
  router.get('/healthz', healthzRoute());
  router.get(
    '/readyz',
    readyzRoute(() => deps.store.ping()),
  );
  router.all(['/api/{*rest}', '/auth/{*rest}'], () => {
    throw new BffError('not_found');
  });
  app.use(router.routes());
  if (config.webDistDir) app.use(serveSpa(config.webDistDir));
  return app;
}
