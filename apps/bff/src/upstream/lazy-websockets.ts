import type { WebSocketServer } from 'ws';
import type { bridgeWebSocket } from './websocket-bridge.ts';

export interface WebSockets {
  readonly wss: WebSocketServer;
  readonly bridge: typeof bridgeWebSocket;
}

export interface LazyWebSockets {
  /** The server side of upgrades and the bridge to backends, loaded on the first upgrade. */
  get(): Promise<WebSockets>;
  close(): Promise<void>;
}

/**
 * `ws` is loaded on the first WebSocket upgrade, not at startup: an app with no WebSocket
 * upstream never holds it in memory (a few MB of the idle footprint, see BENCHMARKS.md).
 */
export function lazyWebSockets(): LazyWebSockets {
  let loading: Promise<WebSockets> | undefined;
  return {
    get() {
      loading ??= Promise.all([import('ws'), import('./websocket-bridge.ts')]).then(([ws, bridge]) => ({
        wss: new ws.WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 }),
        bridge: bridge.bridgeWebSocket,
      }));
      return loading;
    },
    async close() {
      if (loading) (await loading).wss.close();
    },
  };
}
