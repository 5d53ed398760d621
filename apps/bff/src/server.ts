import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { pino, type Logger } from 'pino';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config, type Env } from './config.ts';
import { loadOrCreateDevSecret } from './dev-secret.ts';
import { createSignInRateLimiter } from './rate-limit/create-rate-limiter.ts';
import { createSessionStore, describeStore } from './session/create-session-store.ts';

/** Starts the BFF: reads the environment, opens the store, listens, and shuts down cleanly. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = readConfig({ ...process.env });
  const log = pino({
    level: config.log.level,
    ...(config.log.pretty
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname', singleLine: true } } }
      : {}),
  });
  const { store, signInRateLimiter } = await openStores(config, log);
  const app = createApp(config, { store, log, signInRateLimiter });
  const server = app.listen(config.port, () => {
    log.info(
      {
        publicUrl: config.publicUrl,
        github: config.github.url,
        githubApi: config.github.apiUrl,
        demo: config.github.demo,
        store: describeStore(config),
      },
      `BFF listening on port ${config.port}; GitHub ${config.github.url} (API ${config.github.apiUrl})`,
    );
  });

  // SIGTERM: stop accepting, let in-flight requests finish, then close the stores.
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    // Busy keep-alive connections would hold the server open: tell each client this answer is the last.
    server.on('request', (_req, res: ServerResponse) => res.setHeader('Connection', 'close'));
    server.close(() => {
      void Promise.all([store.close(), signInRateLimiter.close()]).then(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** The validated configuration, or one message naming every problem and exit 1. */
function readConfig(env: Env): Config {
  const production = env.NODE_ENV === 'production';
  // In production the built SPA is served from this process: apps/bff/dist → apps/web/dist.
  const webDistDir = env.WEB_DIST_DIR ?? (production ? join(import.meta.dirname, '../../web/dist') : undefined);
  const dbPath = env.SESSION_DB_PATH ?? 'data/sessions.db';
  const secret =
    !production && !env.SESSION_SECRET
      ? loadOrCreateDevSecret(join(dirname(dbPath), 'dev-session-secret'))
      : env.SESSION_SECRET;
  try {
    return loadConfig({ ...env, SESSION_SECRET: secret, WEB_DIST_DIR: webDistDir });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`${err.message}\n\nSee .env.example for every setting.`);
    process.exit(1);
  }
}

/** Documented: the BFF does not start without its store (an orchestrator restarts it). */
async function openStores(config: Config, log: Logger) {
  const onError = (err: Error) => log.warn({ err: { message: err.message } }, 'session store connection trouble');
  try {
    const store = await createSessionStore(config, { onError });
    const signInRateLimiter = await createSignInRateLimiter(config, Date.now, onError);
    return { store, signInRateLimiter };
  } catch (err) {
    console.error(`Cannot open the session store: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

await main();
