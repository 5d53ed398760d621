import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Config } from '../config/config.ts';
import { createIdentityTokens } from './identity-tokens.ts';
import { loadSigningKeys } from './signing-keys.ts';

const pem = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const config = { publicUrl: 'https://app.example', identity: { tokenTtlSeconds: 60 } } as unknown as Config;
const user = { id: 1001, login: 'mona', name: 'Mona', email: null, avatarUrl: 'https://a/m.png' };

describe('signing keys', () => {
  it('are named by their RFC 7638 thumbprint, as jose computes it', async () => {
    const [key] = loadSigningKeys([pem()]);
    if (!key) throw new Error('no key');
    expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk, 'sha256'));
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key.publicJwk).not.toHaveProperty('d');
  });
});

describe('identity assertions', () => {
  it('are signed by the first key, reused for half their lifetime, and forgotten with their session', async () => {
    let t = 1_800_000_000_000;
    const keys = loadSigningKeys([pem(), pem()]);
    const tokens = createIdentityTokens(config, keys, () => t);
    const subject = { sessionId: 's1', user };
    const first = await tokens.assertionFor(subject, 'api');
    expect(decodeProtectedHeader(first).kid).toBe(keys[0]?.kid);
    const { payload } = await jwtVerify(first, createLocalJWKSet({ keys: keys.map((k) => k.publicJwk) }), {
      issuer: 'https://app.example',
      audience: 'api',
      currentDate: new Date(t),
    });
    expect(payload).toMatchObject({ sub: '1001', sid: 's1', email: null, exp: t / 1000 + 60 });
    t += 29_000;
    expect(await tokens.assertionFor(subject, 'api')).toBe(first);
    expect(await tokens.assertionFor(subject, 'other')).not.toBe(first);
    expect(await tokens.assertionFor({ ...subject, user: { ...user, login: 'renamed' } }, 'api')).not.toBe(first);
    const again = await tokens.assertionFor(subject, 'api');
    tokens.forgetSession('s1');
    expect(await tokens.assertionFor(subject, 'api')).not.toBe(again);
    t += 31_000;
    expect(await tokens.assertionFor(subject, 'api')).not.toBe(again);
  });
});
