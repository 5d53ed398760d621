import { createHmac, hkdfSync } from 'node:crypto';

/**
 * A keyed hash (HMAC-SHA256 under a key derived by HKDF from each SESSION_SECRET key), for
 * names that must be found again but must not say what they name: the per-user session index
 * (GitHub user ids) and the sign-in rate limit's counters (client addresses). Security: a copy
 * of the store alone cannot tell who uses the app, or from where. Like the other keys it
 * rotates: `current` names with the first key, `all` gives every key's name, so what was
 * written under an older key is still found until it is rewritten or expires.
 */
export interface KeyedHash {
  current(value: string): string;
  all(value: string): string[];
}

export function createKeyedHash(secrets: readonly string[], purpose: string): KeyedHash {
  const keys = secrets.map((secret) => Buffer.from(hkdfSync('sha256', secret, 'github-bff/keyed-hash', purpose, 32)));
  const [first] = keys;
  if (first === undefined) throw new Error('createKeyedHash needs at least one secret');
  const hashWith = (key: Buffer, value: string) =>
    createHmac('sha256', key).update(value).digest('base64url').slice(0, 32);
  return {
    current: (value) => hashWith(first, value),
    all: (value) => [...new Set(keys.map((key) => hashWith(key, value)))],
  };
}
