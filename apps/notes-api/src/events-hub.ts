import type { WebSocket } from 'ws';

export const NOTES_CHANGED = JSON.stringify({ type: 'notes-changed' });

/** Open sockets by user id: a user's changes reach that user's sockets and no one else's. */
export interface EventsHub {
  join(userId: string, socket: WebSocket): void;
  notify(userId: string): void;
  /** Pings every socket; one that did not answer the previous ping is terminated. */
  heartbeat(): void;
  openSocketCount(): number;
  closeAll(): void;
}

export function createEventsHub(): EventsHub {
  const channels = new Map<string, Set<WebSocket>>();
  const alive = new WeakMap<WebSocket, boolean>();

  const leave = (userId: string, socket: WebSocket): void => {
    const channel = channels.get(userId);
    channel?.delete(socket);
    if (channel?.size === 0) channels.delete(userId);
  };

  const allSockets = (): WebSocket[] => [...channels.values()].flatMap((channel) => [...channel]);

  return {
    join(userId, socket) {
      let channel = channels.get(userId);
      if (!channel) channels.set(userId, (channel = new Set()));
      channel.add(socket);
      alive.set(socket, true);
      socket.on('pong', () => alive.set(socket, true));
      socket.on('close', () => leave(userId, socket));
      // A reset connection emits 'error' then 'close'; without a listener it would crash the process.
      socket.on('error', () => socket.terminate());
    },
    notify(userId) {
      for (const socket of channels.get(userId) ?? []) {
        if (socket.readyState === socket.OPEN) socket.send(NOTES_CHANGED);
      }
    },
    heartbeat() {
      for (const socket of allSockets()) {
        if (alive.get(socket) !== true) {
          socket.terminate();
          continue;
        }
        alive.set(socket, false);
        socket.ping();
      }
    },
    openSocketCount: () => allSockets().length,
    closeAll() {
      for (const socket of allSockets()) socket.terminate();
      channels.clear();
    },
  };
}
