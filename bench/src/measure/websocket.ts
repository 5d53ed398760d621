import { WebSocket } from 'ws';

export interface WebSocketLoad {
  readonly connections: number;
  /** Messages each connection keeps in flight. */
  readonly window: number;
  readonly seconds: number;
  readonly headers: Record<string, string>;
}

export interface WebSocketResult {
  /** Echoes received per second, over all connections. */
  readonly messagesPerSecond: number;
  readonly messages: number;
  readonly seconds: number;
}

const MESSAGE = JSON.stringify({ type: 'note', text: 'x'.repeat(40) });

/**
 * Echo throughput: each connection keeps `window` small text messages in flight and sends the
 * next as each echo comes back; counted for `seconds` after every connection is open.
 */
export async function runWebSocketLoad(url: string, load: WebSocketLoad): Promise<WebSocketResult> {
  const sockets = await Promise.all(Array.from({ length: load.connections }, () => open(url, load.headers)));
  let messages = 0;
  let running = true;
  for (const ws of sockets) {
    ws.on('message', () => {
      messages++;
      if (running) ws.send(MESSAGE);
    });
  }
  const started = performance.now();
  for (const ws of sockets) for (let i = 0; i < load.window; i++) ws.send(MESSAGE);
  await new Promise((resolve) => setTimeout(resolve, load.seconds * 1000));
  running = false;
  const seconds = (performance.now() - started) / 1000;
  const counted = messages;
  await Promise.all(sockets.map(close));
  if (counted === 0) throw new Error(`no WebSocket echo from ${url}`);
  return { messagesPerSecond: counted / seconds, messages: counted, seconds };
}

function open(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`${url}: upgrade answered ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function close(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) {
      resolve();
      return;
    }
    ws.once('close', () => resolve());
    ws.close();
    setTimeout(() => {
      ws.terminate();
      resolve();
    }, 2000).unref();
  });
}
