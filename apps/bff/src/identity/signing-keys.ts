import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

export interface SigningKey {
  /** RFC 7638 thumbprint of the public key: a backend picks the key by it. */
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: JWK;
}

/**
 * IDENTITY_SIGNING_KEYS as keys: the first signs, every one is published, so rotation is add the
 * new key second, deploy (backends learn it), move it first, deploy, remove the old one.
 */
export function loadSigningKeys(pems: readonly string[]): SigningKey[] {
  return pems.map((pem) => {
    const privateKey = createPrivateKey(pem);
    const { kty = '', crv = '', x = '', y = '' } = createPublicKey(privateKey).export({ format: 'jwk' });
    const kid = thumbprint({ crv, kty, x, y });
    return { kid, privateKey, publicJwk: { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' } };
  });
}

/**
 * RFC 7638 §3: SHA-256 over the required members of an EC key, in lexicographic order, with no
 * whitespace (jose's calculateJwkThumbprint gives the same; identity.test.ts checks it).
 */
function thumbprint({ crv, kty, x, y }: { crv: string; kty: string; x: string; y: string }): string {
  return createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest('base64url');
}
