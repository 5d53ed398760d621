import type { Context } from 'koa';
import type { SessionData } from './session-data.ts';

/**
 * The typed way to the session of a request; nothing outside session/ touches `ctx.session`
 * (koa-session's object). What it offers, Lucia-style: read the session this request came with,
 * change it, end it, or start a new one in its place.
 */

/** The session a request came with, as loaded from the store. */
export interface CurrentSession {
  /** The cookie's value: a secret. Never logged, never shown. */
  readonly token: string;
  /** Its hash: what the store keys by; safe to show and to log. */
  readonly id: string;
  readonly data: Readonly<SessionData>;
}

/** What session-middleware.ts's per-request store tells this module. */
export interface RequestStoreView {
  readonly loaded: { readonly token: string; readonly id: string } | undefined;
  /** The session this request created (startSession), once written. */
  readonly created: { readonly token: string; readonly id: string } | undefined;
}

const requestStores = new WeakMap<Context, RequestStoreView>();

export function rememberRequestStore(ctx: Context, view: RequestStoreView): void {
  requestStores.set(ctx, view);
}

/** The session this request came with, or undefined (no cookie, an unknown or ended one). */
export function currentSession(ctx: Context): CurrentSession | undefined {
  const loaded = requestStores.get(ctx)?.loaded;
  const session = ctx.session;
  if (!loaded || !session || session.isNew) return undefined;
  return { ...loaded, data: session };
}

/** Changes the current session; written back (only if it still exists) as the request ends. */
export function changeSession(ctx: Context, patch: Partial<SessionData>): void {
  if (currentSession(ctx) && ctx.session) Object.assign(ctx.session, patch);
}

/** Ends the current session: deleted from the store and the cookie expired as the request ends. */
export function endSession(ctx: Context): void {
  ctx.session = null;
}

/**
 * Starts a new session holding `data`. Security: always under a new token (the session is
 * regenerated), so a token planted before sign-in (fixation) is worthless; the session the
 * request came with, if any, is deleted from the store. Returns the new session's id.
 */
export async function startSession(ctx: Context, data: SessionData, maxAgeMs: number): Promise<string | undefined> {
  const session = ctx.session;
  if (!session) throw new Error('startSession: the session middleware has not run');
  for (const key of Object.keys(session.toJSON())) Reflect.deleteProperty(session, key);
  Object.assign(session, data);
  session.maxAge = maxAgeMs;
  await session.regenerate();
  return requestStores.get(ctx)?.created?.id;
}

/** What koa-session puts on `ctx.session` (its bundled types do not declare it). */
type KoaSessionObject = SessionData & {
  readonly isNew: boolean;
  maxAge: number | 'session';
  toJSON(): Record<string, unknown>;
  regenerate(): Promise<void>;
  save(): Promise<void>;
};

declare module 'koa' {
  interface ExtendableContext {
    session: KoaSessionObject | null;
  }
}
