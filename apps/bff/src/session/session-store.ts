import type { PendingLogin, SessionData, StoredSession } from './session-data.ts';

/**
 * Where sessions live, keyed by their id (the hash of the cookie's token, crypto/tokens.ts), the
 * data sealed (session-codec.ts). Every failure to reach the store is a BffError
 * `store_unavailable` (503), never a 500. What comes back from a store is checked before use.
 */
export interface SessionStore {
  get(id: string): Promise<SessionData | undefined>;
  /** Stores a new session under a freshly generated id; it lives until `expiresAt` (epoch ms). */
  create(id: string, data: SessionData, expiresAt: number): Promise<void>;
  /**
   * Writes an existing session back. Security: only if it still exists. A session ended
   * meanwhile (sign-out elsewhere, a timeout) stays ended: false, and nothing is written.
   */
  update(id: string, data: SessionData, expiresAt: number): Promise<boolean>;
  destroy(id: string): Promise<void>;
  /** Every live session of one GitHub user (for "your sessions"). */
  listByUser(userId: number): Promise<StoredSession[]>;
  /**
   * Ends every session of one GitHub user (but `except`), on every instance at once, and returns
   * what was ended (their tokens are to be revoked). Only sessions whose own sealed data names
   * this user are ended, whatever an index says.
   */
  destroyByUser(userId: number, options?: { except?: string }): Promise<StoredSession[]>;
  /** Keeps a started sign-in under the id of its `state` until `expiresAt`. */
  putPendingLogin(stateId: string, login: PendingLogin, expiresAt: number): Promise<void>;
  /**
   * Takes a pending sign-in out of the store, atomically: of any number of concurrent callers
   * with the same state, exactly one gets it. undefined when there is none (or no longer).
   */
  takePendingLogin(stateId: string): Promise<PendingLogin | undefined>;
  /**
   * Takes a named lock for `ttlMs` if nobody holds it (for work that must happen once across
   * every instance, such as spending a single-use refresh token). False when it is taken.
   */
  tryLock(name: string, ttlMs: number): Promise<boolean>;
  unlock(name: string): Promise<void>;
  /**
   * Remembers `key` for `ttlMs` if it is new, atomically across every instance sharing the store
   * (of any number of concurrent callers with one key, exactly one gets true). False when it is
   * already remembered: for work that must happen once per key, such as a webhook delivery.
   */
  rememberOnce(key: string, ttlMs: number): Promise<boolean>;
  /** Forgets a remembered key (the work it guarded failed: a retry must be able to do it). */
  forget(key: string): Promise<void>;
  /** Resolves when the store can serve requests (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
