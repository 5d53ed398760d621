import { connect } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { newIdentityKey } from '../support/identity-keys.ts';
import { startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.ts';
import { API_HEADERS, signIn } from '../support/sign-in.ts';
import { startStack, storeEnvOf, type Stack } from '../support/stack.ts';
import { describeEachStore } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';

/** Opens a WebSocket through the BFF as a browser would: its cookie, and an Origin. */
function openSocket(
  url: string,
  cookie: string,
  origin: string,
  headers: Record<string, string> = {},
): Promise<{ ws?: WebSocket; status?: number; body?: string }> {
  const ws = new WebSocket(url.replace(/^http/, 'ws'), { headers: { ...headers, Cookie: cookie, Origin: origin } });
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', () => resolve({ status: -1 }));
  });
}

/** An upgrade request written by hand on a socket; the status line of the answer. */
function rawUpgradeStatus(origin: string, path: string, cookie: string): Promise<number> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${new URL(origin).host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: ${origin}\r\nCookie: ${cookie}\r\n\r\n`,
      );
    });
    socket.once('data', (d: Buffer) => {
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(d.toString())?.[1] ?? 0));
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

const nextMessage = (ws: WebSocket) =>
  new Promise<{ data: string; binary: boolean }>((resolve) =>
    ws.once('message', (data, binary) => resolve({ data: Buffer.from(data as Buffer).toString(), binary })),
  );
const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

describeEachStore((store) => {
  describe('WebSocket upgrades of /api/<name>/*', () => {
    let upstream: RecordingUpstream;
    let stack: Stack;
    const key = newIdentityKey();
    const upstreams = (target: string) =>
      JSON.stringify([
        { name: 'live', target, websocket: true },
        { name: 'plain', target },
      ]);
    beforeAll(async () => {
      upstream = await startRecordingUpstream();
      stack = await startStack(
        store.stackOptions({ env: { IDENTITY_SIGNING_KEYS: key, API_UPSTREAMS: upstreams(upstream.url) } }),
      );
    });
    afterAll(async () => {
      await stack.close();
      await upstream.close();
    });
    beforeEach(() => {
      upstream.upgrades.length = 0;
    });

    async function signedIn(): Promise<{ browser: TestBrowser; cookie: string }> {
      const browser = new TestBrowser();
      await signIn(browser, stack);
      return { browser, cookie: await browser.jar.getCookieString(stack.url) };
    }

    it('relays messages both ways, text and binary, with the same signed identity as HTTP and no cookie', async () => {
      const { cookie } = await signedIn();
      const { ws } = await openSocket(`${stack.url}/api/live/events?room=1`, cookie, stack.url);
      if (!ws) throw new Error('the upgrade was refused');
      ws.send('hello');
      expect(await nextMessage(ws)).toEqual({ data: 'hello', binary: false });
      ws.send(Buffer.from([1, 2, 3]));
      expect(await nextMessage(ws)).toMatchObject({ binary: true });
      const seen = upstream.upgrades.at(-1) ?? {};
      expect(seen.cookie).toBeUndefined();
      expect(seen.origin).toBeUndefined();
      const token = String(seen.authorization).replace(/^Bearer /, '');
      const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${stack.url}/.well-known/jwks.json`)), {
        issuer: stack.url,
        audience: new URL(upstream.url).origin,
        currentDate: new Date(stack.clock.now()),
      });
      expect(payload).toMatchObject({ sub: '1001', login: 'mona' });
      ws.close();
    });

    it('sends the backend the client address and a request id, never what the client forged (no TRUST_PROXY)', async () => {
      const { cookie } = await signedIn();
      const forged = { 'X-Forwarded-For': '203.0.113.9', 'X-Request-Id': 'forged-id' };
      const { ws } = await openSocket(`${stack.url}/api/live/events`, cookie, stack.url, forged);
      if (!ws) throw new Error('the upgrade was refused');
      const seen = upstream.upgrades.at(-1) ?? {};
      expect(seen['x-forwarded-for']).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      expect(seen['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
      ws.close();
    });

    it('refuses a cross-origin upgrade with 403 (cross-site WebSocket hijacking) and never reaches the backend', async () => {
      const { cookie } = await signedIn();
      for (const origin of ['https://evil.example', 'null', `${stack.url}.evil.example`]) {
        const res = await openSocket(`${stack.url}/api/live/events`, cookie, origin);
        expect(res.status, origin).toBe(403);
        expect(JSON.parse(res.body ?? '{}')).toEqual({ error: 'forbidden' });
      }
      expect(upstream.upgrades).toEqual([]);
    });

    it('refuses an upgrade without a session (401), with a forged cookie (401), and to an upstream without WebSockets (404)', async () => {
      expect((await openSocket(`${stack.url}/api/live/events`, '', stack.url)).status).toBe(401);
      expect((await openSocket(`${stack.url}/api/live/events`, 'sid=forged; sid.sig=forged', stack.url)).status).toBe(
        401,
      );
      const { cookie } = await signedIn();
      expect((await openSocket(`${stack.url}/api/plain/events`, cookie, stack.url)).status).toBe(404);
      // Sent byte for byte: a WebSocket client would resolve the dot segment before sending.
      expect(await rawUpgradeStatus(stack.url, '/api/live/%2e%2e/x', cookie)).toBe(400);
      expect(await rawUpgradeStatus(stack.url, '/api/live/a%2Fb', cookie)).toBe(400);
      expect(upstream.upgrades).toEqual([]);
    });

    it('closes the socket at once when the session signs out', async () => {
      const { browser, cookie } = await signedIn();
      const { ws } = await openSocket(`${stack.url}/api/live/events`, cookie, stack.url);
      if (!ws) throw new Error('the upgrade was refused');
      const code = closed(ws);
      expect((await browser.post(`${stack.url}/auth/logout`, API_HEADERS)).status).toBe(204);
      expect(await code).toBe(4001);
      expect((await openSocket(`${stack.url}/api/live/events`, cookie, stack.url)).status).toBe(401);
    });

    it('closes the socket within a few seconds when the session ends on another instance', async () => {
      const other = await startStack(
        store.stackOptions({
          stub: stack.stub,
          env: {
            ...storeEnvOf(stack),
            PUBLIC_URL: stack.url,
            IDENTITY_SIGNING_KEYS: key,
            API_UPSTREAMS: upstreams(upstream.url),
          },
        }),
      );
      try {
        const { browser, cookie } = await signedIn();
        const { ws } = await openSocket(`${stack.url}/api/live/events`, cookie, stack.url);
        if (!ws) throw new Error('the upgrade was refused');
        const started = Date.now();
        const code = closed(ws);
        // Logout through the other instance: this one learns of it only from the store.
        const res = await fetch(`${other.url}/auth/logout`, {
          method: 'POST',
          headers: { ...API_HEADERS, Cookie: await browser.jar.getCookieString(stack.url) },
        });
        expect(res.status).toBe(204);
        expect(await code).toBe(4001);
        expect(Date.now() - started).toBeLessThan(4000);
      } finally {
        await other.close();
      }
    });
  });
});
