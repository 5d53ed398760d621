import type { SessionData } from '../session-data.ts';

interface Entry {
  readonly json: string;
  readonly expiresAt: number;
}

/**
 * The sessions this process opened or wrote most recently, for the SQLite store only: profiling
 * /api/me put 41 % of the server in the store read (SQLite, then AES-GCM and validation). Every
 * write and delete this process makes updates or drops its entry at once, and the SQLite store
 * clears the cache whenever another connection has changed the file (PRAGMA data_version), so a
 * logout or a deleted row is never missed. (Redis has several instances by design and must not
 * cache this way.) Entries are JSON, so every caller gets its own copy; the deadline is checked
 * on every hit; the oldest entries go first when full.
 */
export function createOpenedSessionCache(maxEntries = 10_000) {
  const byId = new Map<string, Entry>();
  return {
    /** The session, or undefined when this process has nothing (current) for it. */
    get(id: string, now: number): SessionData | undefined {
      const entry = byId.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt <= now) {
        byId.delete(id);
        return undefined;
      }
      return JSON.parse(entry.json) as SessionData;
    },
    put(id: string, data: SessionData, expiresAt: number): void {
      byId.delete(id);
      if (byId.size >= maxEntries) {
        const oldest = byId.keys().next();
        if (!oldest.done) byId.delete(oldest.value);
      }
      byId.set(id, { json: JSON.stringify(data), expiresAt });
    },
    forget(id: string): void {
      byId.delete(id);
    },
    clear(): void {
      byId.clear();
    },
  };
}
