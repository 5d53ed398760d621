import type { SessionData } from './session-data.ts';

/** A stored session as the sessions list sees it: `handle` names it without being its cookie. */
export interface StoredSession {
  /** The hash of the session id (what the store keys by); safe to show the user. */
  readonly handle: string;
  readonly data: SessionData;
}

/**
 * Where sessions live. `id` is the raw id from the cookie; stores key by its hash (the
 * handle), so a copy of the store does not hand out live cookies, and they keep the data
 * sealed by a SessionCodec. What comes back from a store is checked before use.
 */
export interface SessionStore {
  get(id: string): Promise<SessionData | undefined>;
  /** Keeps `data` until `expiresAt` (epoch ms), then forgets it. */
  set(id: string, data: SessionData, expiresAt: number): Promise<void>;
  destroy(id: string): Promise<void>;
  /** Every live session of one GitHub user (for "your sessions" and "sign out other devices"). */
  listByUser(userId: number): Promise<StoredSession[]>;
  destroyByHandle(handle: string): Promise<void>;
  /**
   * Takes a named lock for `ttlMs` if nobody holds it (for work that must happen once across
   * every instance, such as spending a single-use refresh token). False when it is taken.
   */
  tryLock(name: string, ttlMs: number): Promise<boolean>;
  unlock(name: string): Promise<void>;
  /** Resolves when the store can serve requests (for /readyz); rejects with StoreUnavailableError. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The store could not be reached or answered with an error: 503, never a 500 page. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('session store unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}
