import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

/** A stand-in for the BFF's `/.well-known/jwks.json`, whose keys and health a test controls. */
export interface JwksServer {
  readonly url: string;
  /** How many times the JWKS was fetched: proves when jose used its cache. */
  readonly fetches: number;
  setKeys(keys: readonly JWK[]): void;
  /** Answer with this status (and no JWKS) instead; 200 restores normal answers. */
  setStatus(status: number): void;
  close(): Promise<void>;
}

export async function startJwksServer(keys: readonly JWK[]): Promise<JwksServer> {
  let published = keys;
  let status = 200;
  let fetches = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    if (status !== 200) {
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end('down');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get fetches() {
      return fetches;
    },
    setKeys(next) {
      published = next;
    },
    setStatus(next) {
      status = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
