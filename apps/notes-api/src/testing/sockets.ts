import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';

/** A client socket with every message it has received so far. */
export interface OpenSocket {
  readonly ws: WebSocket;
  readonly messages: string[];
}

export function openSocket(url: string, token: string | undefined): Promise<OpenSocket> {
  const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
  const ws = new WebSocket(url, { headers });
  const messages: string[] = [];
  ws.on('message', (data: Buffer) => messages.push(data.toString('utf8')));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('error', reject);
  });
}

export interface RefusedUpgrade {
  readonly status: number | undefined;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly opened: boolean;
}

/** Attempts an upgrade expected to fail; reports the HTTP answer and whether 'open' ever fired. */
export function refusedUpgrade(url: string, headers: Record<string, string>): Promise<RefusedUpgrade> {
  const ws = new WebSocket(url, { headers });
  let opened = false;
  ws.on('open', () => (opened = true));
  ws.on('error', () => {});
  return new Promise((resolve) => {
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body, opened }));
    });
  });
}

export function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    ws.once('close', () => resolve());
    ws.close();
  });
}
