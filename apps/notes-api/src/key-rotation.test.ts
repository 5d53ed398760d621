import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness.ts';
import { createSigningKey } from './testing/keys.ts';

const started: Harness[] = [];
async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(options);
  started.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.close()));
});

describe('key rotation (JWKS with several keys)', () => {
  it('verifies tokens of every published key from one fetch of the JWKS', async () => {
    const h = await harness();
    const next = await createSigningKey();
    h.jwks.setKeys([h.key.publicJwk, next.publicJwk]);
    expect((await h.request('/notes', await h.token('501'))).status).toBe(200);
    expect((await h.request('/notes', await h.token('501', {}, next))).status).toBe(200);
    expect(h.jwks.fetches).toBe(1);
  });

  it('fetches the JWKS again for an unknown kid once the cooldown allows it', async () => {
    const h = await harness({ jwksCooldownMs: 0 });
    expect((await h.request('/notes', await h.token('502'))).status).toBe(200);
    const next = await createSigningKey();
    h.jwks.setKeys([h.key.publicJwk, next.publicJwk]);
    expect((await h.request('/notes', await h.token('502', {}, next))).status).toBe(200);
    expect(h.jwks.fetches).toBe(2);
  });

  it('refuses a key published after the last fetch during the default 30 s cooldown (publish before signing)', async () => {
    const h = await harness();
    expect((await h.request('/notes', await h.token('503'))).status).toBe(200);
    const next = await createSigningKey();
    h.jwks.setKeys([h.key.publicJwk, next.publicJwk]);
    const res = await h.request('/notes', await h.token('503', {}, next));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(h.jwks.fetches).toBe(1);
  });

  it('still trusts a removed key while the fetched JWKS is fresh (default 5 min)', async () => {
    const h = await harness();
    const old = await createSigningKey();
    h.jwks.setKeys([old.publicJwk, h.key.publicJwk]);
    expect((await h.request('/notes', await h.token('504', {}, old))).status).toBe(200);
    h.jwks.setKeys([h.key.publicJwk]);
    expect((await h.request('/notes', await h.token('504', {}, old))).status).toBe(200);
    expect(h.jwks.fetches).toBe(1);
  });

  it('refuses a removed key once the cached JWKS is stale and fetched again', async () => {
    const h = await harness({ jwksCacheMaxAgeMs: 50 });
    const old = await createSigningKey();
    h.jwks.setKeys([old.publicJwk, h.key.publicJwk]);
    expect((await h.request('/notes', await h.token('505', {}, old))).status).toBe(200);
    h.jwks.setKeys([h.key.publicJwk]);
    // Only a lower bound matters: any wait past the max age makes the next request refetch.
    await sleep(120);
    const refused = await h.request('/notes', await h.token('505', {}, old));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'unauthenticated' });
    expect(h.jwks.fetches).toBe(2);
    expect((await h.request('/notes', await h.token('505'))).status).toBe(200);
  });
});
