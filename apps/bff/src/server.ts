import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { createBff } from './app.ts';
import type { Config } from './config/config.ts';
import { loadOrCreateDevSecret } from './config/dev-secret.ts';
import { loadOrCreateDevIdentityKey } from './config/identity-keys.ts';
import { loadConfig } from './config/load-config.ts';
import { ConfigError, errorLogFields } from './errors/index.ts';
import { createHttpServer } from './http/create-http-server.ts';
import { createMetricsServer } from './http/metrics-server.ts';
import { logMixin } from './http/request-context.ts';
import { createSignInRateLimiter } from './rate-limit/create-rate-limiter.ts';
import { createSessionStore, describeStore } from './session/stores/create-session-store.ts';

/** Starts the BFF: reads the environment, opens the store, listens, and shuts down cleanly. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(
    { ...process.env },
    { devSecret: loadOrCreateDevSecret, devIdentityKey: loadOrCreateDevIdentityKey },
  );
  const log = pino({
    level: config.log.level,
    // Every line written while a request is served names it (X-Request-Id).
    mixin: logMixin,
    ...(config.log.pretty
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname', singleLine: true } } }
      : {}),
  });
  const { store, signInRateLimiter } = await openStores(config, log);
  const auditLog = config.log.auditFile
    ? pino(
        { level: 'info', mixin: logMixin },
        pino.destination({ dest: config.log.auditFile, mkdir: true, mode: 0o600 }),
      )
    : undefined;
  const bff = createBff(config, { store, log, signInRateLimiter, ...(auditLog ? { auditLog } : {}) });
  const metricsServer = bff.metrics.registry ? createMetricsServer(bff.metrics.registry) : undefined;
  if (config.metrics && metricsServer) {
    const { port, host } = config.metrics;
    metricsServer.listen(port, host, () => log.info({ host, port }, `metrics on http://${host}:${port}/metrics`));
  }
  const server = createHttpServer(config.http, bff.koa.callback(), bff.handleUpgrade);
  server.listen(config.port, () => {
    log.info(
      {
        publicUrl: config.publicUrl,
        github: config.github.url,
        githubApi: config.github.apiUrl,
        demo: config.github.demo,
        store: describeStore(config),
        upstreams: config.upstreams.map((u) => `${u.name} → ${u.target}`),
      },
      `BFF listening on port ${config.port}; GitHub ${config.github.url} (API ${config.github.apiUrl})`,
    );
    log.info(
      config.github.webhookSecret === null
        ? 'GitHub webhooks are off (no GITHUB_WEBHOOK_SECRET): POST /webhooks/github answers 404; revocations are seen at the next re-check'
        : `GitHub webhooks on at ${config.publicUrl}/webhooks/github`,
    );
  });

  // SIGTERM: stop accepting, let in-flight requests finish, then close the stores.
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    // Busy keep-alive connections would hold the server open: tell each client this answer is the last.
    server.on('request', (_req, res: ServerResponse) => res.setHeader('Connection', 'close'));
    metricsServer?.close();
    server.close(() => {
      void Promise.all([bff.close(), store.close(), signInRateLimiter.close()]).then(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** Documented: the BFF does not start without its store (an orchestrator restarts it). */
async function openStores(config: Config, log: Logger) {
  const onError = (err: Error) => log.warn({ err: { message: err.message } }, 'session store connection trouble');
  const onNotice = (message: string) => log.info(message);
  const store = await createSessionStore(config, { onError, onNotice });
  const signInRateLimiter = await createSignInRateLimiter(config, Date.now, onError);
  return { store, signInRateLimiter };
}

/**
 * The one place the process gives up: a configuration that cannot work (every problem, with how
 * to fix it) or a store that cannot be reached at startup. Exit 1, so an orchestrator retries.
 */
main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`${err.message}\n\nSee .env.example for every setting.`);
  } else {
    const { err: fields } = errorLogFields(err);
    console.error(`Cannot start the BFF: ${fields.causes?.[0] ?? (err instanceof Error ? err.message : String(err))}`);
  }
  process.exit(1);
});
