import type { Server } from 'node:http';
import Koa from 'koa';
import { handleErrors } from './api-error.ts';
import { createEventsHub } from './events-hub.ts';
import { createUpgradeHandler } from './events-upgrade.ts';
import { createNotesRouter } from './notes-routes.ts';
import { createNotesStore } from './notes-store.ts';
import { createTokenVerifier } from './token-verifier.ts';
import type { NotesApiOptions, NotesState } from './types.ts';

export const DEFAULT_AUDIENCE = 'notes-api';
const FIVE_MINUTES = 5 * 60_000;

export interface NotesApi {
  /** The HTTP app; serve it with `http.createServer(app.callback())`. */
  readonly app: Koa<NotesState>;
  /** Makes `server` answer `GET /events` upgrades (and refuse every other upgrade). */
  attachWebSocket(server: Server): void;
  /** Open `/events` sockets, all users together. */
  openSocketCount(): number;
  /** Drops every socket, stops the heartbeat and closes the database. */
  close(): void;
}

/** Builds the API (app, WebSocket handling, database); opens no port. */
export function createNotesApi(options: NotesApiOptions): NotesApi {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const verifier = createTokenVerifier({
    jwksUrl: options.jwksUrl,
    issuer: options.issuer,
    audience: options.audience ?? DEFAULT_AUDIENCE,
    now,
    // Also how long a key removed from the JWKS is still trusted here; the BFF's tokens live 60 s.
    jwksCacheMaxAgeMs: options.jwksCacheMaxAgeMs ?? FIVE_MINUTES,
    jwksCooldownMs: options.jwksCooldownMs ?? 30_000,
    log,
  });
  const store = createNotesStore(options.dbPath);
  const hub = createEventsHub();
  const upgrades = createUpgradeHandler(verifier, hub);
  const heartbeat = setInterval(() => hub.heartbeat(), options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  const app = new Koa<NotesState>();
  // Errors are answered and logged by handleErrors; Koa's own logging would print them twice.
  app.silent = true;
  app.use(async (ctx, next) => {
    // Every answer is per-user: no cache (browser, BFF, proxy) may keep one.
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');
    await next();
  });
  app.use(handleErrors(log));
  app.use(async (ctx, next) => {
    if (ctx.method !== 'GET' || ctx.path !== '/healthz') {
      await next();
      return;
    }
    ctx.body = { status: 'ok' };
  });
  app.use(createNotesRouter({ store, hub, verifier, now }).routes());
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = { error: 'not_found' };
  });

  return {
    app,
    attachWebSocket: (server) => void server.on('upgrade', upgrades.handleUpgrade),
    openSocketCount: () => hub.openSocketCount(),
    close() {
      clearInterval(heartbeat);
      hub.closeAll();
      upgrades.close();
      store.close();
    },
  };
}
