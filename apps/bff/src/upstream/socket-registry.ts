import type { WebSocket } from 'ws';

/** WebSocket close code for "your session ended" (4000–4999: for applications). */
export const SESSION_ENDED_CLOSE_CODE = 4001;

export interface SocketRegistry {
  add(sessionId: string, socket: WebSocket): void;
  /** The session ended here: close its sockets now. */
  endSession(sessionId: string): void;
  count(): number;
  close(): void;
}

/**
 * The open WebSockets of each session, so they close when the session ends: at once when it ends
 * on this instance (logout, sign-out-others, disconnect), and within `checkEveryMs` when it ends
 * anywhere else (another instance, a timeout, a revocation), by asking `isAlive` for each session
 * that has sockets.
 */
export function createSocketRegistry(
  isAlive: (sessionId: string) => Promise<boolean>,
  checkEveryMs = 2000,
): SocketRegistry {
  const bySession = new Map<string, Set<WebSocket>>();
  const closeAll = (sessionId: string) => {
    for (const socket of bySession.get(sessionId) ?? []) socket.close(SESSION_ENDED_CLOSE_CODE, 'session ended');
    bySession.delete(sessionId);
  };
  let checking = false;
  const timer = setInterval(() => {
    if (checking || bySession.size === 0) return;
    checking = true;
    void Promise.all(
      [...bySession.keys()].map(async (id) => {
        // A store that cannot be asked says nothing about the session: ask again next time.
        if (!(await isAlive(id).catch(() => true))) closeAll(id);
      }),
    ).finally(() => {
      checking = false;
    });
  }, checkEveryMs);
  timer.unref();
  return {
    add(sessionId, socket) {
      const sockets = bySession.get(sessionId) ?? new Set();
      sockets.add(socket);
      bySession.set(sessionId, sockets);
      socket.once('close', () => {
        sockets.delete(socket);
        if (sockets.size === 0 && bySession.get(sessionId) === sockets) bySession.delete(sessionId);
      });
    },
    endSession: closeAll,
    count: () => [...bySession.values()].reduce((n, s) => n + s.size, 0),
    close() {
      clearInterval(timer);
      for (const id of [...bySession.keys()]) closeAll(id);
    },
  };
}
