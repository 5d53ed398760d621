import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { SessionData } from './session-data.ts';
import { parseSessionData } from './parse-session-data.ts';

/**
 * Turns session data into what a store keeps, and back. Security: the whole record (GitHub
 * tokens, the user's profile, pending logins) is sealed with AES-256-GCM, so a copy of the
 * SQLite file or a Redis dump alone reveals nothing; the row's key is bound in as associated
 * data, so a sealed record copied under another session's key does not open.
 */
export interface SessionCodec {
  encode(key: string, data: SessionData): string;
  /** undefined for anything that does not open and parse: tampered, truncated, or from an unknown key. */
  decode(key: string, sealed: string): SessionData | undefined;
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
 */
export function createSessionCodec(secrets: readonly string[]): SessionCodec {
  if (secrets.length === 0) throw new Error('createSessionCodec needs at least one secret');
  const keys: SealingKey[] = secrets.map((secret) => {
    const key = Buffer.from(hkdfSync('sha256', secret, 'github-bff/session-store', 'aes-256-gcm v1', 32));
    return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
  });
  const sealing = keys[0]!;
  const byId = new Map(keys.map((k) => [k.id, k]));

  return {
    encode(key, data) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', sealing.key, iv);
      cipher.setAAD(Buffer.from(key));
      const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${sealing.id}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    decode(key, sealed) {
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
        decipher.setAAD(Buffer.from(key));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        const json = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
        return parseSessionData(json.toString('utf8'));
      } catch {
        return undefined;
      }
    },
  };
}
