import type { SessionData } from '@github-bff/bff/testing';

/** The product's defaults (config.ts): a day idle, a week absolute. */
export const IDLE_MS = 24 * 3600 * 1000;
export const ABSOLUTE_MS = 7 * 24 * 3600 * 1000;

/** A seeded session we can use: its raw id (what the cookie carries) and whom it belongs to. */
export interface SeededCookie {
  readonly id: string;
  readonly login: string;
}

/**
 * A signed-in session shaped like the ones the product writes after a sign-in through the
 * stand-in (user, tokens, times, user agent, koa-session's `_expire`/`_maxAge`).
 */
export function seededSessionData(userId: number, avatarBase: string, now: number): SessionData {
  const login = seededLogin(userId);
  const data = {
    user: {
      id: userId,
      login,
      name: `Seeded User ${userId}`,
      email: `${login}@example.com`,
      avatarUrl: `${avatarBase}/avatars/mona.svg`,
    },
    github: { accessToken: `gho_seeded${String(userId).padStart(26, '0')}`, scope: 'read:user,user:email' },
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + IDLE_MS,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    _expire: now + ABSOLUTE_MS,
    _maxAge: ABSOLUTE_MS,
  };
  return data as SessionData;
}

export function seededLogin(userId: number): string {
  return `seed${userId}`;
}
