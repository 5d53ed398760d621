import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { readServerEnv } from './server-env.ts';

/**
 * The backend every proxy contender forwards to (plain node:http, so it costs next to nothing):
 * `GET /data` answers 1 kB of JSON naming the user, `GET /download?bytes=N` streams N bytes,
 * `POST /upload` reads the body and answers its length, and `/ws` echoes WebSocket messages.
 */
const { port, me } = readServerEnv();
const DATA = oneKilobyteOfJson(me.login);
const CHUNK = Buffer.alloc(64 * 1024, 'x');

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://backend');
  if (req.method === 'GET' && url.pathname === '/data') {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', DATA.length);
    res.end(DATA);
    return;
  }
  if (req.method === 'GET' && url.pathname === '/download') {
    let left = Number(url.searchParams.get('bytes') ?? 0);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Length', left);
    // Written as fast as the reader takes it, never ahead: the backend holds one chunk at a time.
    const write = () => {
      while (left > 0) {
        const piece = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
        left -= piece.length;
        if (!res.write(piece)) {
          res.once('drain', write);
          return;
        }
      }
      res.end();
    };
    write();
    return;
  }
  if (req.method === 'POST' && url.pathname === '/upload') {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ login: me.login, bytes }));
    });
    return;
  }
  res.statusCode = 404;
  res.end();
});

const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});
server.listen(port);

function oneKilobyteOfJson(login: string): Buffer {
  const items = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, title: `Item ${i + 1}`, done: i % 3 === 0 }));
  const base = { login, items, padding: '' };
  const padding = 1024 - Buffer.byteLength(JSON.stringify(base));
  return Buffer.from(JSON.stringify({ ...base, padding: 'x'.repeat(Math.max(0, padding)) }));
}
