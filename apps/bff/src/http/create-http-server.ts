import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HttpConfig } from '../config/config.ts';

/**
 * The HTTP server with a BFF's timeouts rather than Node's defaults (a request may take 300 s
 * to arrive, so a client trickling a body holds a connection for five minutes). Node checks
 * these on an interval; it is shortened too, so a slow client is cut off within a second or so
 * of its deadline. A request that is too slow gets 408 and its connection is closed.
 */
export function createHttpServer(
  config: HttpConfig,
  listener: RequestListener,
  onUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void,
): Server {
  const server = createServer(
    {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.headersTimeoutMs,
      keepAliveTimeout: config.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, config.headersTimeoutMs),
    },
    listener,
  );
  if (onUpgrade) server.on('upgrade', onUpgrade);
  return server;
}
