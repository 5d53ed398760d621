import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeWeakSecret } from './secret-strength.ts';

describe('describeWeakSecret', () => {
  it.each([
    ['a'.repeat(32), /different characters/],
    ['changeme'.repeat(4), /different characters|repeated/],
    ['abcdefghijklmnop'.repeat(2), /repeated/],
    ['0123456789abcdefghijklmnopqrstuvwxyz', /sequence/],
    ['zyxwvutsrqponmlkjihgfedcba9876543210', /sequence/],
    ['passwordsecretchangemedefault12345', /common words/],
    ['my-session-secret-password-cookie-key', /common words/],
    ['short', /shorter than 32/],
  ])('refuses %j (%s)', (secret, reason) => {
    expect(describeWeakSecret(secret)).toMatch(reason);
  });

  it('accepts what `openssl rand` gives, every time (base64, base64url and hex, 10 000 keys each)', () => {
    for (let i = 0; i < 10_000; i++) {
      const bytes = randomBytes(32);
      for (const key of [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')]) {
        expect(describeWeakSecret(key), key).toBeUndefined();
      }
    }
  });

  it('accepts a long passphrase of unrelated words', () => {
    expect(describeWeakSecret('violet-harbour-quantum-marmalade-oxide-tundra')).toBeUndefined();
  });
});
