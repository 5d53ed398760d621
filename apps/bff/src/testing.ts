/**
 * What the test suites and the benchmarks may use of the BFF, beside its public contract
 * (./contract). Everything else is internal: this list is the package's whole surface.
 */
export { createApp, createBff, type AppDeps, type Bff } from './app.ts';
export type { Config, Env } from './config/config.ts';
export { loadConfig } from './config/load-config.ts';
export { createKeyedHash } from './crypto/keyed-hash.ts';
export { generateToken, idOfToken } from './crypto/tokens.ts';
export { ERROR_CODES, type ErrorCode } from './errors/index.ts';
export { createHttpServer } from './http/create-http-server.ts';
export { createMetricsServer } from './http/metrics-server.ts';
export { logMixin } from './http/request-context.ts';
export { createSignInRateLimiter } from './rate-limit/create-rate-limiter.ts';
export type { RateLimiter } from './rate-limit/rate-limiter.ts';
export { createSessionCodec } from './session/session-codec.ts';
export type { PendingLogin, SessionData, StoredSession } from './session/session-data.ts';
export type { SessionStore } from './session/session-store.ts';
export { createSessionStore } from './session/stores/create-session-store.ts';
export { createSqliteStore } from './session/stores/sqlite-store.ts';
export { createRedisStore } from './session/stores/redis-store.ts';
export { connectRedis, singleRedisConfig } from './redis/redis-connection.ts';
