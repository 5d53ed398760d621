import type { SessionStore } from './session-store.ts';

/**
 * The store, telling `onEnded` of every session this instance ends (logout, sign-out-others,
 * disconnect, a session found expired or revoked), so what hangs on a session (its WebSockets,
 * its cached identity assertion) goes with it at once.
 */
export function observeEndedSessions(store: SessionStore, onEnded: (sessionId: string) => void): SessionStore {
  return {
    ...store,
    async destroy(id) {
      await store.destroy(id);
      onEnded(id);
    },
    async destroyByUser(userId, options) {
      const ended = await store.destroyByUser(userId, options);
      for (const session of ended) onEnded(session.id);
      return ended;
    },
  };
}
