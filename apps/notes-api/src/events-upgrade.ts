import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { refusalFor } from './auth-response.ts';
import type { EventsHub } from './events-hub.ts';
import type { TokenVerifier } from './token-verifier.ts';

export const EVENTS_PATH = '/events';
/** The protocol is server to client; a client frame has no reason to be large. */
const MAX_CLIENT_FRAME_BYTES = 1024;

const REASONS: Readonly<Record<number, string>> = { 401: 'Unauthorized', 404: 'Not Found', 503: 'Service Unavailable' };

interface PlainAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: { readonly error: string };
}

/** A plain HTTP answer on the raw socket, then the socket is destroyed: no WebSocket opens. */
function refuse(socket: Duplex, refusal: PlainAnswer): void {
  const body = JSON.stringify(refusal.body);
  const headers = {
    ...refusal.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  if (!socket.writable) return void socket.destroy();
  // Destroying right away could drop the answer before it is flushed.
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${refusal.status} ${REASONS[refusal.status]}\r\n${head.join('')}\r\n${body}`);
}

function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '/', 'http://notes-api.invalid').pathname;
  } catch {
    return undefined;
  }
}

/** The `upgrade` listener: `GET /events` with a valid Bearer token joins its user's channel. */
export function createUpgradeHandler(verifier: TokenVerifier, hub: EventsHub) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // The socket may be reset while the token is checked; an unhandled 'error' would crash us.
    const ignoreError = (): void => {};
    socket.on('error', ignoreError);
    if (pathOf(req) !== EVENTS_PATH) {
      refuse(socket, { status: 404, headers: {}, body: { error: 'not_found' } });
      return;
    }
    void verifier
      .verify(req.headers.authorization)
      .then((result) => {
        if (!result.ok) return refuse(socket, refusalFor(result));
        wss.handleUpgrade(req, socket, head, (ws) => {
          socket.off('error', ignoreError);
          hub.join(result.identity.sub, ws);
        });
      })
      .catch(() => socket.destroy());
  };

  return { handleUpgrade, close: () => wss.close() };
}
