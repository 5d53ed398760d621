import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every default of every setting, in one place (the README's settings table says the same). */
export const DEFAULTS = {
  port: 3000,
  /** Development only; production must set PUBLIC_URL. */
  publicUrl: (port: number) => `http://localhost:${port}`,
  githubUrl: 'https://github.com',
  githubScopes: 'read:user user:email',
  githubTimeoutMs: 5000,
  githubRecheckIntervalSeconds: 600,
  sessionStore: 'sqlite',
  sessionDbPath: 'data/sessions.db',
  /** Development only: a generated secret kept beside the session database (mode 0600). */
  devSecretFile: (dbPath: string) => join(dirname(dbPath), 'dev-session-secret'),
  redisKeyPrefix: 'github-bff:',
  /**
   * A session-creating write waits this long for a replica's acknowledgement (WAIT): below the
   * client's command timeout (redisCommandTimeoutMs), so a missing replica is a 503, not a hang.
   */
  redisWaitTimeoutMs: 500,
  redisCommandTimeoutMs: 1000,
  /** A day without a request ends a session; a week ends it whatever happens. */
  sessionIdleTimeoutSeconds: 24 * 3600,
  sessionAbsoluteTimeoutSeconds: 7 * 24 * 3600,
  /** A sign-in is two requests (login and callback): 60 a minute is 30 sign-ins per address. */
  signInRateLimit: 60,
  signInRateWindowMs: 60_000,
  trustProxy: false,
  trustProxyHops: 1,
  /** Long enough for a slow upload, short enough that a trickled body cannot hold a connection for minutes. */
  httpRequestTimeoutSeconds: 30,
  httpHeadersTimeoutSeconds: 10,
  httpKeepAliveTimeoutSeconds: 5,
  /** Development only: a generated identity-signing key beside the session database (mode 0600). */
  devIdentityKeyFile: (dbPath: string) => join(dirname(dbPath), 'dev-identity-key.pem'),
  identityTokenTtlSeconds: 60,
  metricsHost: '127.0.0.1',
  logLevel: 'info',
  logFormat: 'json',
} as const;

/** The built SPA, for production: apps/web/dist (the same from src/config and dist/config). */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));
