import { describe, expect, it } from 'vitest';
import { createKeyedHash } from './keyed-hash.ts';

const A = 'mH3v9Qx2Lk7Zr4Tb8Wn1Yc6Pd5Sf0JgE';
const B = 'Zp8Kq2Wm5Rt9Xv3Bn7Lc1Hd4Gf6Js0Ya';

describe('createKeyedHash', () => {
  it('names a value the same way every time, without showing it', () => {
    const hash = createKeyedHash([A], 'user-index');
    expect(hash.current('1001')).toBe(hash.current('1001'));
    expect(hash.current('1001')).not.toBe(hash.current('1002'));
    expect(hash.current('1001')).not.toContain('1001');
    expect(hash.current('1001')).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('depends on the secret and the purpose', () => {
    expect(createKeyedHash([A], 'user-index').current('1')).not.toBe(createKeyedHash([B], 'user-index').current('1'));
    expect(createKeyedHash([A], 'user-index').current('1')).not.toBe(createKeyedHash([A], 'rate-limit').current('1'));
  });

  it('rotates: the first key names, every key is looked up', () => {
    const before = createKeyedHash([A], 'user-index');
    const after = createKeyedHash([B, A], 'user-index');
    expect(after.current('7')).toBe(createKeyedHash([B], 'user-index').current('7'));
    expect(after.all('7')).toEqual([after.current('7'), before.current('7')]);
  });
});
