import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a test changes in the stand-in's answer before the BFF sees it. */
export interface RelayTweak {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Instead of a body: a JSON answer of this many bytes, written in 64 kB chunks as the reader takes them. */
  streamBytes?: number;
  /** With streamBytes: send no Content-Length (chunked), so the reader cannot know the size in advance. */
  chunked?: boolean;
}

/** What the relay wrote of a streamed answer before it was done or the reader hung up. */
export interface StreamedAnswer {
  written: number;
  /** The reader closed the connection before the whole answer was written. */
  cutOff: boolean;
}

export interface ApiRelay {
  /** `http://localhost:PORT/api/v3`: give it to the BFF as GITHUB_API_URL. */
  readonly apiUrl: string;
  /** Called for every request (the URL as the relay saw it); undefined relays the stand-in's answer untouched. */
  tweak: (url: URL) => RelayTweak | undefined;
  /** Every streamed answer, in order (settled once the stream ended either way). */
  readonly streamed: Promise<StreamedAnswer>[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/**
 * A plain HTTP relay in front of the GitHub stand-in, for what the stand-in does not do itself
 * (pagination Link headers, oversized or redirecting answers). Every request still reaches the
 * stand-in, so its calls, tokens and rate limits stay real.
 */
export async function startApiRelay(stubUrl: string): Promise<ApiRelay> {
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const upstream = await fetch(`${stubUrl}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers: forwardable(req.headers),
        body: chunks.length > 0 ? Buffer.concat(chunks) : null,
        redirect: 'manual',
      });
      const text = await upstream.text();
      const change = relay.tweak(new URL(req.url ?? '/', relay.apiUrl)) ?? {};
      const headers: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') headers[name] = value;
      });
      if (change.streamBytes !== undefined) {
        relay.streamed.push(
          streamJson(res, change.streamBytes, change.chunked === true, change.status ?? upstream.status),
        );
        return;
      }
      res.writeHead(change.status ?? upstream.status, { ...headers, ...change.headers });
      res.end(change.body ?? text);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const relay: ApiRelay = {
    apiUrl: `http://localhost:${(server.address() as AddressInfo).port}/api/v3`,
    tweak: () => undefined,
    streamed: [],
    close: () => stop(server),
  };
  return relay;
}

/** `["xxx…", …]`, exactly `total` bytes, written only as fast as the reader reads. */
function streamJson(res: ServerResponse, total: number, chunked: boolean, status: number): Promise<StreamedAnswer> {
  const chunk = Buffer.from(`"${'x'.repeat(64 * 1024 - 4)}",`);
  return new Promise((resolve) => {
    let written = 0;
    let cutOff = false;
    res.on('close', () => {
      cutOff = written < total;
      resolve({ written, cutOff });
    });
    res.writeHead(status, {
      'Content-Type': 'application/json',
      ...(chunked ? {} : { 'Content-Length': String(total) }),
    });
    const pump = () => {
      while (written < total && !res.destroyed) {
        const left = total - written;
        const part =
          written === 0
            ? Buffer.concat([Buffer.from('['), chunk]).subarray(0, Math.min(left, chunk.length))
            : chunk.subarray(0, Math.min(left, chunk.length));
        written += part.length;
        if (written >= total) {
          res.end(part);
          return;
        }
        if (!res.write(part)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

function forwardable(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string' && !HOP_BY_HOP.has(name)) result[name] = value;
  }
  return result;
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
