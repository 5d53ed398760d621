import { describe, expect, it } from 'vitest';
import {
  checkLifetime,
  isUserSession,
  newSessionData,
  TOUCH_INTERVAL_MS,
  type UserSessionData,
} from './session-lifetime.ts';

const user = { id: 1, login: 'mona', name: null, email: null, avatarUrl: '' };
const tokens = { accessToken: 't', scope: '' };
const lifetime = { idleMs: 3_600_000, absoluteMs: 86_400_000 };
const T0 = 1_000_000_000;
const session = (): UserSessionData => newSessionData(user, tokens, lifetime, T0, 'UA') as UserSessionData;

describe('newSessionData', () => {
  it('starts every clock at sign-in and keeps a trimmed user agent', () => {
    const data = newSessionData(user, tokens, lifetime, T0, 'x'.repeat(600));
    expect(data).toMatchObject({ createdAt: T0, lastSeenAt: T0, checkedAt: T0, expiresAt: T0 + lifetime.idleMs });
    expect(data.userAgent).toHaveLength(512);
    expect(newSessionData(user, tokens, lifetime, T0, '')).not.toHaveProperty('userAgent');
  });
});

describe('checkLifetime', () => {
  it('is alive before the idle deadline and writes nothing within the touch interval', () => {
    expect(checkLifetime(session(), lifetime, T0 + TOUCH_INTERVAL_MS - 1)).toEqual({
      alive: true,
      expiresAt: T0 + lifetime.idleMs,
      lastSeenAt: T0,
    });
  });

  it('slides the idle deadline once the touch interval has passed', () => {
    const now = T0 + TOUCH_INTERVAL_MS;
    expect(checkLifetime(session(), lifetime, now)).toEqual({
      alive: true,
      expiresAt: now + lifetime.idleMs,
      lastSeenAt: now,
      touch: { lastSeenAt: now, expiresAt: now + lifetime.idleMs },
    });
  });

  it('ends at the idle deadline, exactly', () => {
    expect(checkLifetime(session(), lifetime, T0 + lifetime.idleMs - 1).alive).toBe(true);
    expect(checkLifetime(session(), lifetime, T0 + lifetime.idleMs)).toEqual({ alive: false, reason: 'idle' });
  });

  it('ends at the absolute deadline however recently it was used, and never slides past it', () => {
    const end = T0 + lifetime.absoluteMs;
    const used = { ...session(), lastSeenAt: end - 1000 };
    expect(checkLifetime(used, lifetime, end - 1)).toMatchObject({ alive: true, expiresAt: end });
    expect(checkLifetime(used, lifetime, end)).toEqual({ alive: false, reason: 'absolute' });
    const touched = checkLifetime({ ...session(), lastSeenAt: end - 2 * TOUCH_INTERVAL_MS }, lifetime, end - 1000);
    expect(touched).toMatchObject({ alive: true, expiresAt: end });
  });

  it('counts idleness from sign-in when lastSeenAt is missing', () => {
    const { lastSeenAt: _, ...rest } = session();
    expect(checkLifetime(rest as UserSessionData, lifetime, T0 + lifetime.idleMs).alive).toBe(false);
  });
});

describe('isUserSession', () => {
  it('needs a user, tokens and a sign-in time', () => {
    expect(isUserSession(session())).toBe(true);
    expect(isUserSession(undefined)).toBe(false);
    expect(isUserSession({ user, github: tokens })).toBe(false);
    expect(isUserSession({ github: tokens, createdAt: 1 })).toBe(false);
    expect(isUserSession({ user, createdAt: 1 })).toBe(false);
  });
});
