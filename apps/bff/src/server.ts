import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pino } from 'pino';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Env } from './config.ts';
import { loadOrCreateDevSecret } from './dev-secret.ts';
import { createSessionStore, describeStore } from './session/create-session-store.ts';

/** Starts the BFF: reads the environment, opens the store, listens, and shuts down cleanly. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env: Env = { ...process.env };
  const production = env.NODE_ENV === 'production';
  // In production the built SPA is served from this process: apps/bff/dist → apps/web/dist.
  const webDistDir = env.WEB_DIST_DIR ?? (production ? join(import.meta.dirname, '../../web/dist') : undefined);
  const log = pino({
    level: env.LOG_LEVEL ?? 'info',
    ...(env.LOG_FORMAT === 'pretty'
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname', singleLine: true } } }
      : {}),
  });

  let config;
  try {
    const dbPath = env.SESSION_DB_PATH ?? 'data/sessions.db';
    const devSecret = !production && !env.SESSION_SECRET;
    const secret = devSecret ? loadOrCreateDevSecret(join(dirname(dbPath), 'dev-session-secret')) : env.SESSION_SECRET;
    config = loadConfig({ ...env, SESSION_SECRET: secret, WEB_DIST_DIR: webDistDir });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`${err.message}\n\nSee .env.example for every setting.`);
    process.exit(1);
  }

  let store;
  try {
    store = await createSessionStore(config, {
      onError: (err) => log.warn({ err: { message: err.message } }, 'session store connection trouble'),
    });
  } catch (err) {
    // Documented: the BFF does not start without its store (an orchestrator restarts it).
    console.error(`Cannot open the session store: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const app = createApp(config, { store, log });
  const server = app.listen(config.port, () => {
    log.info(
      {
        url: `http://localhost:${config.port}`,
        publicUrl: config.publicUrl,
        github: config.github.url,
        githubApi: config.github.apiUrl,
        demo: config.github.demo,
        store: describeStore(config),
      },
      `BFF listening on port ${config.port}; GitHub ${config.github.url} (API ${config.github.apiUrl})`,
    );
  });

  // Stop accepting, let in-flight requests finish, then close the store.
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close(() => {
      void store.close().then(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

await main();
