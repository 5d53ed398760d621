import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const PEM_BLOCK = /-----BEGIN ([A-Z ]*PRIVATE KEY)-----[\s\S]*?-----END \1-----/g;

/** The PEM private keys in a text (one or more blocks, as IDENTITY_SIGNING_KEYS holds them). */
export function splitPemKeys(text: string): string[] {
  return [...text.replace(/\\n/g, '\n').matchAll(PEM_BLOCK)].map((m) => m[0]);
}

/** Why a key cannot sign ES256 identity assertions (a P-256 private key), or undefined. */
export function describeBadIdentityKey(pem: string): string | undefined {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      return 'is not an EC P-256 key (ES256 needs one: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)';
    }
    return undefined;
  } catch {
    return 'is not a readable PEM private key';
  }
}

/**
 * Outside production, with upstreams and no IDENTITY_SIGNING_KEYS: a P-256 key generated once
 * and kept at `path` (mode 0600, folder 0700), like the development session secret.
 */
export function loadOrCreateDevIdentityKey(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8');
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(path, pem, { mode: 0o600 });
  return pem;
}
