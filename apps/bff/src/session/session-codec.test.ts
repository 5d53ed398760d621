import { describe, expect, it } from 'vitest';
import { createSessionCodec } from './session-codec.ts';
import type { SessionData } from './session-data.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const data: SessionData = {
  user: { id: 1, login: 'mona', name: null, email: 'mona@example.com', avatarUrl: 'https://x/y.png' },
  github: { accessToken: 'gho_secret_token_value', scope: 'read:user' },
  createdAt: 1,
};

describe('session codec', () => {
  it('round-trips, and the sealed text shows neither token nor profile', () => {
    const codec = createSessionCodec([A]);
    const sealed = codec.encode('row-1', data);
    expect(sealed).not.toContain('gho_');
    expect(sealed).not.toContain('mona');
    expect(Buffer.from(sealed.split('.')[3] ?? '', 'base64url').toString('latin1')).not.toContain('gho_');
    expect(codec.decode('row-1', sealed)).toEqual(data);
  });

  it('uses a fresh IV each time', () => {
    const codec = createSessionCodec([A]);
    expect(codec.encode('row-1', data)).not.toBe(codec.encode('row-1', data));
  });

  it('does not open under another row key (a record copied onto another session)', () => {
    const codec = createSessionCodec([A]);
    expect(codec.decode('row-2', codec.encode('row-1', data))).toBeUndefined();
  });

  it('does not open when tampered with or truncated', () => {
    const codec = createSessionCodec([A]);
    const sealed = codec.encode('row-1', data);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(codec.decode('row-1', [parts[0], parts[1], parts[2], body.toString('base64url')].join('.'))).toBeUndefined();
    expect(codec.decode('row-1', sealed.slice(0, -5))).toBeUndefined();
    expect(codec.decode('row-1', 'garbage')).toBeUndefined();
    expect(codec.decode('row-1', JSON.stringify(data))).toBeUndefined();
  });

  it('rotates: seals with the first key, still opens what older keys sealed', () => {
    const old = createSessionCodec([B]);
    const rotated = createSessionCodec([A, B]);
    const sealedByOld = old.encode('row-1', data);
    expect(rotated.decode('row-1', sealedByOld)).toEqual(data);
    const sealedNew = rotated.encode('row-1', data);
    expect(createSessionCodec([A]).decode('row-1', sealedNew)).toEqual(data);
    expect(old.decode('row-1', sealedNew)).toBeUndefined();
  });

  it('refuses a record that opens but has the wrong shape', () => {
    const codec = createSessionCodec([A]);
    const sealed = codec.encode('row-1', { user: { id: 'not-a-number' } } as unknown as SessionData);
    expect(codec.decode('row-1', sealed)).toBeUndefined();
  });
});
