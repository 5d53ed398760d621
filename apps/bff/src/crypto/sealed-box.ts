import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals text for a store, and opens it again. Security: AES-256-GCM, so a copy of the SQLite
 * file or a Redis dump alone reveals nothing of what was sealed, and any change to it is
 * detected; `aad` (the row's key) is bound in as associated data, so a sealed value copied
 * under another key does not open.
 */
export interface SealedBox {
  seal(aad: string, plaintext: string): string;
  /** undefined for anything that does not open: tampered, truncated, or from an unknown key. */
  open(aad: string, sealed: string): string | undefined;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface SealingKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * Keys are derived (HKDF-SHA256) from SESSION_SECRET's keys, so the cookie-signing secret is
 * never used directly as a cipher key. As with the cookie: the first key seals, all open.
 * (The HKDF labels are those of the first release: stores written since then still open.)
 */
export function createSealedBox(secrets: readonly string[]): SealedBox {
  const keys: SealingKey[] = secrets.map((secret) => {
    const key = Buffer.from(hkdfSync('sha256', secret, 'github-bff/session-store', 'aes-256-gcm v1', 32));
    return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
  });
  const [sealing] = keys;
  if (sealing === undefined) throw new Error('createSealedBox needs at least one secret');
  const byId = new Map(keys.map((k) => [k.id, k]));

  return {
    seal(aad, plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', sealing.key, iv);
      cipher.setAAD(Buffer.from(aad));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${sealing.id}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(aad, sealed) {
      const [version, keyId, ivText, bodyText, ...rest] = sealed.split('.');
      const sealingKey = keyId === undefined ? undefined : byId.get(keyId);
      if (version !== VERSION || !sealingKey || ivText === undefined || bodyText === undefined || rest.length > 0) {
        return undefined;
      }
      const iv = Buffer.from(ivText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (iv.length !== IV_BYTES || body.length < TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', sealingKey.key, iv);
        decipher.setAAD(Buffer.from(aad));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        return undefined;
      }
    },
  };
}
