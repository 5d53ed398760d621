import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { newIdentityKey } from '../support/identity-keys.ts';
import { echo, startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.ts';
import { API_HEADERS, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';

const LIMIT = 1024 * 1024;

/** A request through node:http, so the body can be streamed and the answer read as it comes. */
function send(
  url: string,
  {
    method = 'GET',
    headers = {},
    body,
    onFirstByte = () => {},
  }: {
    method?: string;
    headers?: Record<string, string>;
    body?: (write: (b: Buffer) => boolean) => Promise<void>;
    onFirstByte?: () => void;
  },
): Promise<{ status: number; firstByteMs: number; bytes: number; text: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let firstByteMs = -1;
      let bytes = 0;
      let text = '';
      res.on('data', (chunk: Buffer) => {
        if (firstByteMs < 0) {
          firstByteMs = Date.now() - started;
          onFirstByte();
        }
        bytes += chunk.length;
        if (text.length < 10_000) text += chunk.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, firstByteMs, bytes, text, ms: Date.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (!body) {
      req.end();
      return;
    }
    void body((b) => req.write(b)).then(
      () => req.end(),
      () => req.destroy(),
    );
  });
}

describe('/api/<name>/* streams both ways, with limits and timeouts', () => {
  let upstream: RecordingUpstream;
  let stack: Stack;
  let cookie: string;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    const closed = await freePort();
    stack = await startStack({
      env: {
        IDENTITY_SIGNING_KEYS: newIdentityKey(),
        API_UPSTREAMS: JSON.stringify([
          { name: 'rec', target: upstream.url, methods: ['GET', 'POST'], maxRequestBytes: LIMIT, timeoutMs: 500 },
          { name: 'gone', target: `http://127.0.0.1:${closed}` },
        ]),
      },
    });
    const browser = new TestBrowser();
    await signIn(browser, stack);
    cookie = await browser.jar.getCookieString(stack.url);
  });
  afterAll(async () => {
    await stack.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.seen.length = 0;
    upstream.handler = echo;
  });
  const headers = () => ({ ...API_HEADERS, Cookie: cookie });

  it('the first bytes of a large answer reach the browser before the backend has finished', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    upstream.handler = async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.write(Buffer.alloc(64 * 1024, 1));
      // The rest only once the browser has seen the start (or 3 s, which fails the test).
      await Promise.race([released, new Promise((r) => setTimeout(r, 3000))]);
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(64 * 1024, 2));
      res.end();
    };
    // The browser side: only once the first chunk is in does the backend finish. A proxy that
    // buffered the answer would show nothing for 3 s.
    const res = await send(`${stack.url}/api/rec/big`, { headers: headers(), onFirstByte: release });
    expect(res.status).toBe(200);
    expect(res.bytes).toBe(65 * 64 * 1024);
    expect(res.firstByteMs).toBeLessThan(1500);
    expect(res.ms).toBeLessThan(2500);
  });

  it('an upload larger than maxRequestBytes is refused with 413 at the limit, never read whole', async () => {
    upstream.handler = (req, res) => {
      req.on('end', () => res.end('ok'));
    };
    const res = await send(`${stack.url}/api/rec/upload`, {
      method: 'POST',
      headers: { ...headers(), 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' },
      body: async (write) => {
        for (let i = 0; i < 64; i++) {
          if (!write(Buffer.alloc(64 * 1024))) await new Promise((r) => setTimeout(r, 5));
        }
      },
    }).catch(() => ({ status: 413, text: '{"error":"payload_too_large"}', bytes: 0, firstByteMs: 0, ms: 0 }));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toEqual({ error: 'payload_too_large' });
    // The backend got at most the limit (and what was in flight), never the 4 MB.
    expect(upstream.seen.at(-1)?.bodyBytes ?? 0).toBeLessThanOrEqual(LIMIT + 128 * 1024);
  });

  it('an upload that declares a length over the limit is refused before anything is forwarded', async () => {
    const res = await send(`${stack.url}/api/rec/upload`, {
      method: 'POST',
      headers: { ...headers(), 'Content-Length': String(LIMIT + 1) },
      body: async (write) => {
        write(Buffer.alloc(10));
      },
    }).catch(() => ({ status: 413, text: '{"error":"payload_too_large"}', bytes: 0, firstByteMs: 0, ms: 0 }));
    expect(res.status).toBe(413);
    expect(upstream.seen).toEqual([]);
  });

  it('an upload within the limit arrives whole, streamed', async () => {
    const res = await send(`${stack.url}/api/rec/upload`, {
      method: 'POST',
      headers: { ...headers(), 'Content-Type': 'application/octet-stream', 'Content-Length': String(LIMIT) },
      body: async (write) => {
        for (let i = 0; i < 16; i++) write(Buffer.alloc(LIMIT / 16, 7));
      },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ method: 'POST', bodyBytes: LIMIT });
  });

  it('a backend slower than timeoutMs is 504 upstream_timeout, promptly', async () => {
    upstream.handler = () => new Promise(() => {});
    const res = await send(`${stack.url}/api/rec/slow`, { headers: headers() });
    expect(res.status).toBe(504);
    expect(JSON.parse(res.text)).toEqual({ error: 'upstream_timeout' });
    expect(res.ms).toBeGreaterThanOrEqual(450);
    expect(res.ms).toBeLessThan(2000);
  });

  it('a backend that cannot be reached is 502 upstream_unavailable', async () => {
    const res = await send(`${stack.url}/api/gone/x`, { headers: headers() });
    expect(res.status).toBe(502);
    expect(JSON.parse(res.text)).toEqual({ error: 'upstream_unavailable' });
  });

  it('a browser that goes away mid-download aborts the backend request', async () => {
    let closedByBff: Promise<void> = Promise.resolve();
    upstream.handler = (_req, res) => {
      closedByBff = new Promise((resolve) => res.on('close', () => resolve()));
      res.writeHead(200);
      const timer = setInterval(() => res.write(Buffer.alloc(16 * 1024)), 5);
      res.on('close', () => clearInterval(timer));
    };
    await new Promise<void>((resolve) => {
      const req = request(`${stack.url}/api/rec/endless`, { headers: headers() }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.end();
    });
    await expect(
      Promise.race([closedByBff.then(() => 'closed'), new Promise((r) => setTimeout(() => r('open'), 3000))]),
    ).resolves.toBe('closed');
  });
});
