import { createHmac, timingSafeEqual } from 'node:crypto';

const MAX_CACHED = 10_000;

/**
 * The cookie-signing keys, in the shape the `cookies` library (and so Koa and koa-session)
 * expects of Keygrip: `sign` with the first key, `index` to find which key signed. Same
 * signatures as Keygrip's default (HMAC-SHA1, base64url), so existing cookies stay valid.
 *
 * Why not Keygrip itself: profiling /api/me showed a third of the server's time in checking the
 * cookie signature, mostly in tsscmp, which compares by computing two more HMACs over random
 * bytes. Here the comparison is crypto.timingSafeEqual, and a signature once verified is
 * remembered (bounded): only genuine (value, signature) pairs are ever cached, so a stream of
 * forged cookies neither hits the cache nor grows it.
 */
export class CookieKeys {
  readonly #keys: readonly string[];
  readonly #signingKey: string;
  #verified = new Map<string, number>();

  constructor(keys: readonly string[]) {
    const [first] = keys;
    if (first === undefined) throw new Error('CookieKeys needs at least one key');
    this.#keys = keys;
    this.#signingKey = first;
  }

  sign(data: string): string {
    return signWith(this.#signingKey, data);
  }

  /** The index of the key that signed `data` with `digest`, or -1. */
  index(data: string, digest: string): number {
    const cacheKey = `${digest}\n${data}`;
    const cached = this.#verified.get(cacheKey);
    if (cached !== undefined) return cached;
    const given = Buffer.from(digest);
    for (const [i, key] of this.#keys.entries()) {
      const expected = Buffer.from(signWith(key, data));
      if (expected.length === given.length && timingSafeEqual(expected, given)) {
        if (this.#verified.size >= MAX_CACHED) this.#verified = new Map();
        this.#verified.set(cacheKey, i);
        return i;
      }
    }
    return -1;
  }

  verify(data: string, digest: string): boolean {
    return this.index(data, digest) > -1;
  }
}

function signWith(key: string, data: string): string {
  return createHmac('sha1', key).update(data).digest('base64url');
}
