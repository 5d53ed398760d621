import { describe, expect, it } from 'vitest';
import { createSessionCodec } from './session-codec.ts';
import type { PendingLogin, SessionData } from './session-data.ts';

const codec = createSessionCodec(['k'.repeat(40)]);
const data: SessionData = {
  user: { id: 1, login: 'mona', name: null, email: 'mona@example.com', avatarUrl: 'https://x/y.png' },
  github: { accessToken: 'gho_secret_token_value', scope: 'read:user' },
  createdAt: 1,
};
const login: PendingLogin = { binding: 'b', codeVerifier: 'v', returnTo: '/', selectAccount: false, createdAt: 1 };

describe('session codec', () => {
  it('round-trips sessions and pending logins, sealed', () => {
    const sealed = codec.encode('row-1', data);
    expect(sealed).not.toContain('gho_');
    expect(codec.decode('row-1', sealed)).toEqual(data);
    expect(codec.decodePending('p-1', codec.encodePending('p-1', login))).toEqual(login);
  });

  it('refuses a record that opens but has the wrong shape', () => {
    const sealed = codec.encode('row-1', { user: { id: 'not-a-number' } } as unknown as SessionData);
    expect(codec.decode('row-1', sealed)).toBeUndefined();
  });

  it('never opens a pending login as a session, nor a session as a pending login, under the same key', () => {
    expect(codec.decode('k', codec.encodePending('k', login))).toBeUndefined();
    expect(codec.decodePending('k', codec.encode('k', data))).toBeUndefined();
  });

  it('reads sessions written before pending logins had records of their own', () => {
    const old = codec.encode('row-1', { ...data, pendingLogins: [] } as SessionData);
    expect(codec.decode('row-1', old)).toMatchObject(data);
  });
});
