import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNotesApi, type RunningNotesApi } from '@github-bff/notes-api';
import { createLocalJWKSet, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { newIdentityKey } from '../support/identity-keys.ts';
import { startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.ts';
import { API_HEADERS, signIn } from '../support/sign-in.ts';
import { startStack, storeEnvOf, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';

const KEY = newIdentityKey();

describe('the example backend (apps/notes-api) behind the BFF', () => {
  let stack: Stack;
  let notes: RunningNotesApi;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'notes-'));
    const port = await freePort();
    stack = await startStack({
      env: {
        IDENTITY_SIGNING_KEYS: KEY,
        API_UPSTREAMS: JSON.stringify([
          {
            name: 'notes',
            target: `http://127.0.0.1:${port}`,
            methods: ['GET', 'POST', 'DELETE'],
            audience: 'notes-api',
            websocket: true,
          },
        ]),
      },
    });
    notes = await startNotesApi({
      port,
      host: '127.0.0.1',
      jwksUrl: `${stack.url}/.well-known/jwks.json`,
      issuer: stack.url,
      audience: 'notes-api',
      dbPath: join(dir, 'notes.db'),
      now: stack.clock.now,
    });
  });
  afterAll(async () => {
    await notes?.close();
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each signed-in user’s notes, through the BFF', async () => {
    const mona = new TestBrowser();
    await signIn(mona, stack, { login: 'mona' });
    const json = { ...API_HEADERS, 'Content-Type': 'application/json' };
    const created = await mona.post(`${stack.url}/api/notes/notes`, json, JSON.stringify({ text: 'buy milk' }));
    expect(created.status).toBe(201);
    const { id } = created.json() as { id: string };
    expect((await mona.get(`${stack.url}/api/notes/notes`, API_HEADERS)).json()).toMatchObject({
      notes: [{ id, text: 'buy milk' }],
    });
    const hubot = new TestBrowser();
    await signIn(hubot, stack, { login: 'hubot' });
    expect((await hubot.get(`${stack.url}/api/notes/notes`, API_HEADERS)).json()).toEqual({ notes: [] });
    expect(
      (await hubot.request(`${stack.url}/api/notes/notes/${id}`, { method: 'DELETE', headers: API_HEADERS })).status,
    ).toBe(404);
    expect(
      (await mona.request(`${stack.url}/api/notes/notes/${id}`, { method: 'DELETE', headers: API_HEADERS })).status,
    ).toBe(204);
  });

  it('refuses a request straight to it, without the BFF’s assertion, and every bad assertion', async () => {
    const direct = (authorization?: string) =>
      fetch(`${notes.url}/notes`, { headers: authorization ? { Authorization: authorization } : {} }).then(
        (r) => r.status,
      );
    expect(await direct()).toBe(401);
    const now = Math.floor(stack.clock.now() / 1000);
    const sign = (key: string, claims: { iss?: string; aud?: string; exp?: number }) =>
      new SignJWT({ login: 'mona' })
        .setProtectedHeader({ alg: 'ES256', kid: 'x' })
        .setSubject('1001')
        .setIssuer(claims.iss ?? stack.url)
        .setAudience(claims.aud ?? 'notes-api')
        .setIssuedAt(now)
        .setExpirationTime(claims.exp ?? now + 60)
        .sign(createPrivateKey(key));
    const jwks = (await (await fetch(`${stack.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    const kid = jwks.keys[0]?.kid ?? '';
    const withKid = async (key: string, claims: Parameters<typeof sign>[1]) =>
      `Bearer ${await new SignJWT({ login: 'mona' })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setSubject('1001')
        .setIssuer(claims.iss ?? stack.url)
        .setAudience(claims.aud ?? 'notes-api')
        .setIssuedAt(now)
        .setExpirationTime(claims.exp ?? now + 60)
        .sign(createPrivateKey(key))}`;
    // The right key, to show what follows is refused for its claims alone.
    expect(await direct(await withKid(KEY, {}))).toBe(200);
    expect(await direct(await withKid(newIdentityKey(), {}))).toBe(401); // forged: another key
    expect(await direct(`Bearer ${await sign(newIdentityKey(), {})}`)).toBe(401);
    expect(await direct(await withKid(KEY, { exp: now - 30 }))).toBe(401); // expired
    expect(await direct(await withKid(KEY, { aud: 'other-api' }))).toBe(401); // wrong audience
    expect(await direct(await withKid(KEY, { iss: 'https://evil.example' }))).toBe(401); // wrong issuer
  });
});

describe('identity key rotation', () => {
  let upstream: RecordingUpstream;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
  });
  afterAll(() => upstream.close());

  it('add the new key second, move it first, remove the old: old assertions verify until the old key is gone', async () => {
    const oldKey = newIdentityKey();
    const newKey = newIdentityKey();
    const api = JSON.stringify([{ name: 'rec', target: upstream.url, audience: 'rec' }]);
    const before = await startStack({ env: { IDENTITY_SIGNING_KEYS: oldKey, API_UPSTREAMS: api } });
    const env = { ...storeEnvOf(before), PUBLIC_URL: before.url, API_UPSTREAMS: api };
    const stacks = [before];
    try {
      const assertionFrom = async (stack: Stack) => {
        const browser = new TestBrowser();
        await signIn(browser, stack);
        await browser.get(`${stack.url}/api/rec/x`, API_HEADERS);
        return String(upstream.seen.at(-1)?.headers.authorization).replace(/^Bearer /, '');
      };
      const jwksOf = async (stack: Stack) =>
        createLocalJWKSet((await (await fetch(`${stack.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet);
      const verifies = async (token: string, stack: Stack) =>
        jwtVerify(token, await jwksOf(stack), { issuer: before.url, audience: 'rec' }).then(
          () => true,
          () => false,
        );
      const oldToken = await assertionFrom(before);
      // Step 1: the new key second. Still signed by the old; both published.
      const added = await startStack({
        stub: before.stub,
        env: { ...env, IDENTITY_SIGNING_KEYS: `${oldKey}\n${newKey}` },
      });
      stacks.push(added);
      expect(await verifies(oldToken, added)).toBe(true);
      // Step 2: the new key first: it signs, the old still verifies.
      const moved = await startStack({
        stub: before.stub,
        env: { ...env, IDENTITY_SIGNING_KEYS: `${newKey}\n${oldKey}` },
      });
      stacks.push(moved);
      const newToken = await assertionFrom(moved);
      expect(await verifies(newToken, moved)).toBe(true);
      expect(await verifies(oldToken, moved)).toBe(true);
      expect(await verifies(newToken, before)).toBe(false);
      // Step 3: the old key removed: its assertions no longer verify.
      const removed = await startStack({ stub: before.stub, env: { ...env, IDENTITY_SIGNING_KEYS: newKey } });
      stacks.push(removed);
      expect(await verifies(newToken, removed)).toBe(true);
      expect(await verifies(oldToken, removed)).toBe(false);
    } finally {
      for (const stack of stacks.reverse()) await stack.close();
    }
  });
});
