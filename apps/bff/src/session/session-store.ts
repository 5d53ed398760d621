import type { SessionData } from './session-data.ts';

/**
 * Where sessions live. `id` is the raw id from the cookie; stores key by a hash of it, so a
 * copy of the store does not hand out live cookies. What `get` returns came from outside the
 * process and is checked before use.
 */
export interface SessionStore {
  get(id: string): Promise<SessionData | undefined>;
  /** Keeps `data` until `expiresAt` (epoch ms), then forgets it. */
  set(id: string, data: SessionData, expiresAt: number): Promise<void>;
  destroy(id: string): Promise<void>;
  /** Resolves when the store can serve requests (for /readyz). */
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
