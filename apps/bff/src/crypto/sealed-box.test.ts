import { describe, expect, it } from 'vitest';
import { createSealedBox } from './sealed-box.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const data = JSON.stringify({ login: 'mona', github: { accessToken: 'gho_secret_token_value' } });

describe('sealed box', () => {
  it('round-trips, and the sealed text shows neither token nor profile', () => {
    const codec = createSealedBox([A]);
    const sealed = codec.seal('row-1', data);
    expect(sealed).not.toContain('gho_');
    expect(sealed).not.toContain('mona');
    expect(Buffer.from(sealed.split('.')[3] ?? '', 'base64url').toString('latin1')).not.toContain('gho_');
    expect(codec.open('row-1', sealed)).toEqual(data);
  });

  it('uses a fresh IV each time', () => {
    const codec = createSealedBox([A]);
    expect(codec.seal('row-1', data)).not.toBe(codec.seal('row-1', data));
  });

  it('does not open under another row key (a record copied onto another session)', () => {
    const codec = createSealedBox([A]);
    expect(codec.open('row-2', codec.seal('row-1', data))).toBeUndefined();
  });

  it('does not open when tampered with or truncated', () => {
    const codec = createSealedBox([A]);
    const sealed = codec.seal('row-1', data);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(codec.open('row-1', [parts[0], parts[1], parts[2], body.toString('base64url')].join('.'))).toBeUndefined();
    expect(codec.open('row-1', sealed.slice(0, -5))).toBeUndefined();
    expect(codec.open('row-1', 'garbage')).toBeUndefined();
    expect(codec.open('row-1', data)).toBeUndefined();
  });

  it('rotates: seals with the first key, still opens what older keys sealed', () => {
    const old = createSealedBox([B]);
    const rotated = createSealedBox([A, B]);
    const sealedByOld = old.seal('row-1', data);
    expect(rotated.open('row-1', sealedByOld)).toEqual(data);
    const sealedNew = rotated.seal('row-1', data);
    expect(createSealedBox([A]).open('row-1', sealedNew)).toEqual(data);
    expect(old.open('row-1', sealedNew)).toBeUndefined();
  });
});
