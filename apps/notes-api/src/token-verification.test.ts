import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISSUER, startHarness, type Harness } from './testing/harness.ts';
import { bffClaims, createSigningKey, hs256WithPublicKey, signToken, unsignedToken } from './testing/keys.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const INVALID = 'Bearer error="invalid_token"';

async function expectRefused(res: Response, challenge = INVALID): Promise<void> {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toBe(challenge);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(await res.json()).toEqual({ error: 'unauthenticated' });
}

const claims = (overrides = {}) => bffClaims('401', h.clock.ms, ISSUER, overrides);

describe('token verification', () => {
  it('accepts the BFF token (the baseline every refusal below differs from by one thing)', async () => {
    const res = await h.request('/notes', await h.token('401'));
    expect(res.status).toBe(200);
    expect(res.headers.get('www-authenticate')).toBeNull();
  });

  it('refuses a request without credentials with a bare Bearer challenge (RFC 6750 §3.1)', async () => {
    await expectRefused(await h.request('/notes'), 'Bearer');
    await expectRefused(await h.request('/notes', undefined, { headers: { Authorization: 'Basic dTpw' } }), 'Bearer');
  });

  it.each([
    ['garbage', 'garbage'],
    ['three parts of junk', 'a.b.c'],
    ['an empty token', ''],
  ])('refuses Bearer with %s', async (_label, value) => {
    const res = await h.request('/notes', undefined, { headers: { Authorization: `Bearer ${value}` } });
    await expectRefused(res);
  });

  it('refuses a token forged with another key, under its own kid or under the real one', async () => {
    const attacker = await createSigningKey();
    await expectRefused(await h.request('/notes', await signToken(attacker, claims())));
    await expectRefused(await h.request('/notes', await signToken(attacker, claims(), h.key.kid)));
  });

  it('refuses an expired token, and one past the 5 s tolerance; accepts one within it', async () => {
    const iat = Math.floor(h.clock.ms / 1000);
    await expectRefused(await h.request('/notes', await h.token('401', { iat: iat - 120, exp: iat - 60 })));
    await expectRefused(await h.request('/notes', await h.token('401', { iat: iat - 66, exp: iat - 6 })));
    const withinTolerance = await h.request('/notes', await h.token('401', { iat: iat - 63, exp: iat - 3 }));
    expect(withinTolerance.status).toBe(200);
  });

  it('refuses a wrong audience and a wrong issuer', async () => {
    await expectRefused(await h.request('/notes', await h.token('401', { aud: 'other-api' })));
    await expectRefused(await h.request('/notes', await h.token('401', { iss: 'http://evil.test' })));
    await expectRefused(await h.request('/notes', await h.token('401', { iss: `${ISSUER}/` })));
  });

  it('refuses alg none and HS256 signed with the public key', async () => {
    await expectRefused(await h.request('/notes', unsignedToken(h.key.kid, claims())));
    await expectRefused(await h.request('/notes', await hs256WithPublicKey(h.key, claims())));
  });

  it('refuses a token without sub, with a non-numeric sub, without kid, or living over 300 s', async () => {
    const { sub: _sub, ...noSub } = claims();
    await expectRefused(await h.request('/notes', await signToken(h.key, noSub)));
    await expectRefused(await h.request('/notes', await h.token('mona')));
    await expectRefused(await h.request('/notes', await signToken(h.key, claims(), '')));
    const iat = Math.floor(h.clock.ms / 1000);
    await expectRefused(await h.request('/notes', await h.token('401', { iat, exp: iat + 301 })));
    await expectRefused(await h.request('/notes', await h.token('401', { iat: iat + 30, exp: iat + 90 })));
  });

  it('follows the clock: the same token is accepted, then refused once expired', async () => {
    const token = await h.token('401');
    expect((await h.request('/notes', token)).status).toBe(200);
    h.clock.ms += 66_000;
    try {
      await expectRefused(await h.request('/notes', token));
    } finally {
      h.clock.ms -= 66_000;
    }
  });

  it('never writes a token to its logs', async () => {
    const attacker = await createSigningKey();
    const tokens = [await signToken(attacker, claims()), await h.token('401', { aud: 'x' })];
    for (const token of tokens) await h.request('/notes', token);
    for (const token of tokens) expect(h.logs.join('\n')).not.toContain(token.split('.')[2]);
  });
});
