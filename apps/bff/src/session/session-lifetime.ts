import type { GitHubTokens } from '../github/github-oauth.ts';
import type { GitHubUser } from '../github/github-user.ts';
import type { SessionData } from './session-data.ts';

export interface SessionLifetime {
  /** A session unused this long ends (sliding). */
  readonly idleMs: number;
  /** A session ends this long after sign-in, however much it is used. */
  readonly absoluteMs: number;
}

/**
 * How stale `lastSeenAt` may get before a request writes it back: sliding the idle deadline
 * on every request would turn every read into a store write.
 */
export const TOUCH_INTERVAL_MS = 60_000;

/** The data of a session that starts now, for `user` with GitHub's `tokens`. */
export function newSessionData(
  user: GitHubUser,
  tokens: GitHubTokens,
  lifetime: SessionLifetime,
  now: number,
  userAgent: string,
): SessionData {
  return {
    user,
    github: tokens,
    createdAt: now,
    lastSeenAt: now,
    checkedAt: now,
    expiresAt: Math.min(now + lifetime.idleMs, now + lifetime.absoluteMs),
    ...(userAgent ? { userAgent: userAgent.slice(0, 512) } : {}),
  };
}

/** A session that belongs to a signed-in user: every field a sign-in sets is there. */
export type UserSessionData = SessionData & Required<Pick<SessionData, 'user' | 'github' | 'createdAt'>>;

export type LifetimeCheck =
  | { readonly alive: false; readonly reason: 'idle' | 'absolute' }
  /** `touch`: what to write back (lastSeenAt and the slid deadline), when it is due. */
  | {
      readonly alive: true;
      readonly expiresAt: number;
      readonly lastSeenAt: number;
      readonly touch?: Partial<SessionData>;
    };

/**
 * The server's word on whether a session is still alive, whatever the cookie says: not past
 * its idle deadline (counted from the last request) nor its absolute one (from sign-in).
 */
export function checkLifetime(data: UserSessionData, lifetime: SessionLifetime, now: number): LifetimeCheck {
  const lastSeenAt = data.lastSeenAt ?? data.createdAt;
  const absoluteEnd = data.createdAt + lifetime.absoluteMs;
  const expiresAt = Math.min(lastSeenAt + lifetime.idleMs, absoluteEnd);
  if (now >= expiresAt) return { alive: false, reason: now >= absoluteEnd ? 'absolute' : 'idle' };
  if (now - lastSeenAt < TOUCH_INTERVAL_MS) return { alive: true, expiresAt, lastSeenAt };
  const slid = Math.min(now + lifetime.idleMs, absoluteEnd);
  return { alive: true, expiresAt: slid, lastSeenAt: now, touch: { lastSeenAt: now, expiresAt: slid } };
}

/** True when the data is a signed-in user's session (and not a half-written or foreign record). */
export function isUserSession(data: SessionData | undefined): data is UserSessionData {
  return data?.user !== undefined && data.github !== undefined && data.createdAt !== undefined;
}

/**
 * How long the store keeps a timed-out session's sealed record past its deadline: the browser
 * that comes back finds it, and the evaluator ends it by name (idle or absolute, in the audit
 * trail and the metrics) instead of it vanishing unexplained. Nothing can use it meanwhile:
 * every use of a session checks its deadline first (checkLifetime).
 */
export const TIMED_OUT_KEPT_MS = 10 * 60_000;
