import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** What the backend saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** Bytes of body received before the request ended or was cut off. */
  bodyBytes: number;
  /** The body as text (the first megabyte). */
  body: string;
  /** The BFF closed the request before its body ended. */
  aborted: boolean;
}

export type UpstreamHandler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void | Promise<void>;

export interface RecordingUpstream {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly seen: SeenRequest[];
  /** Answers each request; the default echoes what it saw as JSON, after reading the body. */
  handler: UpstreamHandler;
  /** WebSocket handshakes it accepted, with their headers; sockets echo every message. */
  readonly upgrades: IncomingHttpHeaders[];
  readonly sockets: Set<WebSocket>;
  close(): Promise<void>;
}

/**
 * A backend for the BFF's `/api/<name>/*` routes that records everything it is sent (so a test
 * can prove what never reaches it: the cookie, a forged identity header) and answers as the test
 * says. It also accepts WebSockets at any path and echoes.
 */
export async function startRecordingUpstream(): Promise<RecordingUpstream> {
  const seen: SeenRequest[] = [];
  const upgrades: IncomingHttpHeaders[] = [];
  const sockets = new Set<WebSocket>();
  const server: Server = createServer((req, res) => {
    const record: SeenRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      bodyBytes: 0,
      body: '',
      aborted: false,
    };
    seen.push(record);
    req.on('data', (chunk: Buffer) => {
      record.bodyBytes += chunk.length;
      if (record.body.length < 1_000_000) record.body += chunk.toString('utf8');
    });
    req.on('aborted', () => (record.aborted = true));
    req.on('close', () => {
      if (!req.complete) record.aborted = true;
    });
    void Promise.resolve(upstream.handler(req, res, record)).catch(() => res.destroy());
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    upgrades.push(req.headers);
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const upstream: RecordingUpstream = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    upgrades,
    sockets,
    handler: echo,
    close: () =>
      new Promise((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return upstream;
}

/** The default answer: 200 JSON of the method, URL and headers it saw, once the body is in. */
export const echo: UpstreamHandler = (req, res, record) => {
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({ method: record.method, url: record.url, headers: record.headers, bodyBytes: record.bodyBytes }),
    );
  });
  req.resume();
};
