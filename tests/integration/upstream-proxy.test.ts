import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newIdentityKey } from '../support/identity-keys.ts';
import { echo, startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.ts';
import { API_HEADERS, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';

const KEY = newIdentityKey();

describe('/api/<name>/* forwarded to your own API', () => {
  let upstream: RecordingUpstream;
  let stack: Stack;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    stack = await startStack({
      env: {
        IDENTITY_SIGNING_KEYS: KEY,
        API_UPSTREAMS: JSON.stringify([
          { name: 'rec', target: `${upstream.url}/base`, methods: ['GET', 'POST', 'PUT'], audience: 'rec-api' },
          { name: 'trusted', target: upstream.url, githubToken: true },
          { name: 'open', target: upstream.url, anonymous: true },
          { name: 'hubots', target: upstream.url, access: { users: ['hubot'] } },
          { name: 'acme', target: upstream.url, access: { orgs: ['acme'] } },
        ]),
      },
    });
  });
  afterAll(async () => {
    await stack.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.seen.length = 0;
    upstream.handler = echo;
  });

  async function signedIn(login = 'mona'): Promise<TestBrowser> {
    const browser = new TestBrowser();
    await signIn(browser, stack, { login });
    return browser;
  }
  const jwks = () => createRemoteJWKSet(new URL(`${stack.url}/.well-known/jwks.json`));
  const bearer = () => (upstream.seen.at(-1)?.headers.authorization ?? '').replace(/^Bearer /, '');

  describe('routing', () => {
    it('forwards /api/rec/<rest>?<query> to the target + /<rest>?<query>, the answer coming back as sent', async () => {
      const browser = await signedIn();
      const res = await browser.get(`${stack.url}/api/rec/notes/7?sort=new&x=%20y`, API_HEADERS);
      expect(res.status).toBe(200);
      expect(upstream.seen.at(-1)).toMatchObject({ method: 'GET', url: '/base/notes/7?sort=new&x=%20y' });
      expect(res.json()).toMatchObject({ url: '/base/notes/7?sort=new&x=%20y' });
      expect((await browser.get(`${stack.url}/api/rec`, API_HEADERS)).status).toBe(200);
      expect(upstream.seen.at(-1)?.url).toBe('/base/');
    });

    it.each(['/api/rec/%2e%2e/secret', '/api/rec/a%2Fb', '/api/rec/a%5Cb', '/api/rec/a//b', '/api/rec/./x'])(
      'refuses the path trick %s with 400 before anything is forwarded',
      async (path) => {
        const browser = await signedIn();
        const { rawGet } = await import('../support/raw-get.ts');
        const cookie = await browser.jar.getCookieString(stack.url);
        const res = await rawGet(stack.url, path, { ...API_HEADERS, Cookie: cookie });
        expect(res.status).toBe(400);
        expect(JSON.parse(res.body)).toEqual({ error: 'bad_request' });
        expect(upstream.seen).toEqual([]);
      },
    );

    it('answers a method the upstream does not take with 405 and Allow, without forwarding', async () => {
      const browser = await signedIn();
      const res = await browser.request(`${stack.url}/api/rec/x`, { method: 'DELETE', headers: API_HEADERS });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, POST, PUT');
      expect(res.json()).toEqual({ error: 'method_not_allowed' });
      expect(upstream.seen).toEqual([]);
    });

    it('keeps the X-CSRF rule: without it, 403 and nothing forwarded', async () => {
      const browser = await signedIn();
      expect((await browser.get(`${stack.url}/api/rec/x`)).status).toBe(403);
      expect((await browser.post(`${stack.url}/api/rec/x`, {}, 'body')).status).toBe(403);
      expect(upstream.seen).toEqual([]);
    });

    it('signed out is 401 and nothing forwarded; an anonymous upstream is forwarded with no identity', async () => {
      const browser = new TestBrowser();
      const res = await browser.get(`${stack.url}/api/rec/x`, API_HEADERS);
      expect(res.status).toBe(401);
      expect(upstream.seen).toEqual([]);
      expect((await browser.get(`${stack.url}/api/open/x`, API_HEADERS)).status).toBe(200);
      expect(upstream.seen.at(-1)?.headers.authorization).toBeUndefined();
    });
  });

  describe('the identity the backend gets', () => {
    it('is an ES256 JWT that verifies against the JWKS, with the documented claims', async () => {
      const browser = await signedIn('mona');
      await browser.get(`${stack.url}/api/rec/x`, API_HEADERS);
      const token = bearer();
      const header = decodeProtectedHeader(token);
      expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
      const { payload } = await jwtVerify(token, jwks(), {
        issuer: stack.url,
        audience: 'rec-api',
        algorithms: ['ES256'],
        currentDate: new Date(stack.clock.now()),
      });
      expect(payload).toMatchObject({
        sub: '1001',
        login: 'mona',
        name: 'Mona Lisa Octocat',
        email: 'mona@example.com',
        avatar_url: `${stack.stub.url}/avatars/mona.svg`,
        sid: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        jti: expect.any(String),
      });
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
      // sid names the session without being its cookie.
      expect(payload.sid).not.toBe(await browser.cookie(stack.url, 'sid'));
      const keys = (await (await fetch(`${stack.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      expect(keys.keys.map((k) => k.kid)).toEqual([header.kid]);
    });

    it('the audience defaults to the target’s origin; another audience does not verify', async () => {
      const browser = await signedIn();
      await browser.get(`${stack.url}/api/trusted/x`, API_HEADERS);
      const options = { issuer: stack.url, currentDate: new Date(stack.clock.now()) };
      await expect(jwtVerify(bearer(), jwks(), { ...options, audience: upstream.url })).resolves.toBeDefined();
      await expect(jwtVerify(bearer(), jwks(), { ...options, audience: 'rec-api' })).rejects.toThrow(/aud/);
    });

    it('is reused within the first half of its lifetime, then signed anew', async () => {
      const browser = await signedIn();
      await browser.get(`${stack.url}/api/rec/a`, API_HEADERS);
      const first = bearer();
      await browser.get(`${stack.url}/api/rec/b`, API_HEADERS);
      expect(bearer()).toBe(first);
      stack.clock.advance(31_000);
      await browser.get(`${stack.url}/api/rec/c`, API_HEADERS);
      expect(bearer()).not.toBe(first);
    });

    it('is never handed out for an ended session: after logout the request is 401 and not forwarded', async () => {
      const browser = await signedIn();
      await browser.get(`${stack.url}/api/rec/a`, API_HEADERS);
      const cookie = await browser.jar.getCookieString(stack.url);
      await browser.post(`${stack.url}/auth/logout`, API_HEADERS);
      upstream.seen.length = 0;
      const replay = await fetch(`${stack.url}/api/rec/a`, { headers: { ...API_HEADERS, Cookie: cookie } });
      expect(replay.status).toBe(401);
      expect(upstream.seen).toEqual([]);
    });

    it('carries the GitHub token only where the upstream opts in', async () => {
      const browser = await signedIn();
      await browser.get(`${stack.url}/api/trusted/x`, API_HEADERS);
      expect(upstream.seen.at(-1)?.headers['x-github-token']).toBe(stack.stub.issuedTokens().at(-1));
      await browser.get(`${stack.url}/api/rec/x`, API_HEADERS);
      expect(upstream.seen.at(-1)?.headers['x-github-token']).toBeUndefined();
    });
  });

  describe('what is forwarded', () => {
    it('never the browser’s cookie, Authorization, X-CSRF or a forged identity or proxy header', async () => {
      const browser = await signedIn();
      await browser.get(`${stack.url}/api/rec/x`, {
        ...API_HEADERS,
        Authorization: 'Bearer forged',
        'X-Forwarded-For': '203.0.113.9',
        'X-Forwarded-Host': 'evil.example',
        'X-Forwarded-User': 'admin',
        'X-Real-IP': '203.0.113.9',
        'X-GitHub-Token': 'gho_forged',
        'X-User-Id': '1',
        Forwarded: 'for=203.0.113.9',
        'X-Custom': 'kept',
      });
      const headers = upstream.seen.at(-1)?.headers ?? {};
      expect(headers.cookie).toBeUndefined();
      expect(headers['x-csrf']).toBeUndefined();
      expect(headers.authorization).toMatch(/^Bearer ey/);
      expect(headers.authorization).not.toContain('forged');
      expect(headers['x-forwarded-user']).toBeUndefined();
      expect(headers['x-real-ip']).toBeUndefined();
      expect(headers['x-github-token']).toBeUndefined();
      expect(headers['x-user-id']).toBeUndefined();
      expect(headers.forwarded).toBeUndefined();
      expect(headers['x-forwarded-for']).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
      expect(headers['x-forwarded-host']).toBe(new URL(stack.url).host);
      expect(headers['x-forwarded-proto']).toBe('http');
      expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(headers['x-custom']).toBe('kept');
      expect(JSON.stringify(headers)).not.toContain((await browser.cookie(stack.url, 'sid')) ?? '-');
    });

    it('never the backend’s Set-Cookie or its own security headers; Location points back under /api/rec', async () => {
      const browser = await signedIn();
      upstream.handler = (_req, res) => {
        res.writeHead(302, {
          'Set-Cookie': 'sid=planted; Path=/',
          Location: `${upstream.url}/base/moved?x=1`,
          'Content-Security-Policy': "script-src 'unsafe-inline'",
          'Access-Control-Allow-Origin': '*',
          'X-Custom': 'kept',
        });
        res.end();
      };
      const res = await browser.get(`${stack.url}/api/rec/old`, API_HEADERS);
      expect(res.status).toBe(302);
      expect(res.headers.getSetCookie().filter((c) => c.includes('planted'))).toEqual([]);
      expect(res.headers.get('location')).toBe('/api/rec/moved?x=1');
      expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('x-custom')).toBe('kept');
      expect(res.text).not.toContain(upstream.url);
    });

    it('keeps the answer personal: no-store unless the backend says private, and Vary: Cookie', async () => {
      const browser = await signedIn();
      upstream.handler = (_req, res) => {
        res.writeHead(200, { 'Cache-Control': 'public, max-age=3600', 'Content-Type': 'text/plain' });
        res.end('x');
      };
      const shared = await browser.get(`${stack.url}/api/rec/x`, API_HEADERS);
      expect(shared.headers.get('cache-control')).toBe('no-store');
      expect(shared.headers.get('vary')).toMatch(/cookie/i);
      upstream.handler = (_req, res) => {
        res.writeHead(200, { 'Cache-Control': 'private, max-age=60' });
        res.end('x');
      };
      expect((await browser.get(`${stack.url}/api/rec/x`, API_HEADERS)).headers.get('cache-control')).toBe(
        'private, max-age=60',
      );
    });
  });

  describe('per-route access rules', () => {
    it('admits the named user and refuses everyone else with 403 forbidden, without forwarding', async () => {
      const mona = await signedIn('mona');
      const res = await mona.get(`${stack.url}/api/hubots/x`, API_HEADERS);
      expect(res.status).toBe(403);
      expect(res.json()).toEqual({ error: 'forbidden' });
      expect(upstream.seen).toEqual([]);
      expect((await (await signedIn('hubot')).get(`${stack.url}/api/hubots/x`, API_HEADERS)).status).toBe(200);
    });

    it('admits members of the named org (memberships read at sign-in) and refuses others', async () => {
      expect((await (await signedIn('mona')).get(`${stack.url}/api/acme/x`, API_HEADERS)).status).toBe(200);
      expect((await (await signedIn('nameless')).get(`${stack.url}/api/acme/x`, API_HEADERS)).status).toBe(403);
    });

    it('puts the orgs and teams the BFF knows into the assertion', async () => {
      const browser = await signedIn('mona');
      await browser.get(`${stack.url}/api/rec/x`, API_HEADERS);
      const { payload } = await jwtVerify(bearer(), jwks(), {
        audience: 'rec-api',
        currentDate: new Date(stack.clock.now()),
      });
      expect(payload.orgs).toContain('acme');
      expect(payload.teams).toContain('acme/core');
    });
  });
});
