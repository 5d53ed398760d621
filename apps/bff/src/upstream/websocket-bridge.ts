import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { WebSocket, type RawData } from 'ws';

export interface BridgeRequest {
  readonly req: IncomingMessage;
  readonly socket: Duplex;
  readonly head: Buffer;
  /** ws:// or wss:// URL of the backend. */
  readonly target: string;
  readonly headers: Record<string, string | string[]>;
  readonly timeoutMs: number;
}

export type BridgeResult =
  | { readonly ok: true; readonly client: WebSocket }
  /** The backend refused the upgrade (`status`) or could not be reached (undefined). */
  | { readonly ok: false; readonly status: number | undefined };

/**
 * Connects to the backend first, and only when it accepts, completes the browser's upgrade; then
 * relays messages both ways (text stays text, binary stays binary) and closes each side when the
 * other closes. Subprotocols the browser asked for are offered to the backend.
 */
export async function bridgeWebSocket(wss: WebSocketServer, r: BridgeRequest): Promise<BridgeResult> {
  const protocols = (r.req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const upstream = new WebSocket(r.target, protocols, {
    headers: r.headers,
    handshakeTimeout: r.timeoutMs,
    perMessageDeflate: false,
    followRedirects: false,
  });
  const opened = await new Promise<BridgeResult | 'open'>((resolve) => {
    upstream.once('open', () => resolve('open'));
    upstream.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ ok: false, status: res.statusCode });
    });
    upstream.once('error', () => resolve({ ok: false, status: undefined }));
  });
  if (opened !== 'open') {
    upstream.terminate();
    return opened;
  }
  const client = await new Promise<WebSocket>((resolve) =>
    wss.handleUpgrade(r.req, r.socket, r.head, (ws) => resolve(ws)),
  );
  const relay = (from: WebSocket, to: WebSocket) => {
    from.on('message', (data: RawData, isBinary: boolean) => {
      if (to.readyState === WebSocket.OPEN) to.send(data, { binary: isBinary });
    });
    from.on('close', (code: number, reason: Buffer) => {
      if (to.readyState === WebSocket.OPEN || to.readyState === WebSocket.CONNECTING) to.close(closable(code), reason);
    });
    from.on('error', () => to.terminate());
  };
  relay(client, upstream);
  relay(upstream, client);
  return { ok: true, client };
}

/** 1005/1006/1015 describe a close, they cannot be sent in one. */
function closable(code: number): number {
  return code === 1005 || code === 1006 || code === 1015 ? 1000 : code;
}
