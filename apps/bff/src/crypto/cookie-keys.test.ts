import Keygrip from 'keygrip';
import { describe, expect, it } from 'vitest';
import { CookieKeys } from './cookie-keys.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('CookieKeys', () => {
  it('signs exactly like Keygrip, so cookies signed before stay valid', () => {
    expect(new CookieKeys([A, B]).sign('sid=abc')).toBe(new Keygrip([A, B]).sign('sid=abc'));
  });

  it('finds the key that signed, first signs and all verify (rotation)', () => {
    const keys = new CookieKeys([A, B]);
    expect(keys.index('sid=abc', new CookieKeys([A]).sign('sid=abc'))).toBe(0);
    expect(keys.index('sid=abc', new CookieKeys([B]).sign('sid=abc'))).toBe(1);
    expect(keys.verify('sid=abc', new CookieKeys([B]).sign('sid=abc'))).toBe(true);
  });

  it('refuses a wrong, truncated or empty signature, every time (a refusal is never cached)', () => {
    const keys = new CookieKeys([A]);
    const good = keys.sign('sid=abc');
    for (let i = 0; i < 2; i++) {
      expect(keys.index('sid=abd', good)).toBe(-1);
      expect(keys.index('sid=abc', good.slice(0, -1))).toBe(-1);
      expect(keys.index('sid=abc', `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`)).toBe(-1);
      expect(keys.index('sid=abc', '')).toBe(-1);
      expect(new CookieKeys([B]).index('sid=abc', good)).toBe(-1);
    }
  });

  it('answers a verified pair again from memory, identically', () => {
    const keys = new CookieKeys([A, B]);
    const sig = new CookieKeys([B]).sign('sid=xyz');
    expect(keys.index('sid=xyz', sig)).toBe(1);
    expect(keys.index('sid=xyz', sig)).toBe(1);
  });
});
