import type { GitHubTokens } from '../github/github-oauth.ts';
import type { GitHubUser } from '../github/github-user.ts';
import type { AppSession } from './session-data.ts';

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
const TOUCH_INTERVAL_MS = 60_000;

/** Fills a freshly regenerated session with the signed-in user. */
export function startUserSession(
  session: AppSession,
  user: GitHubUser,
  github: GitHubTokens,
  lifetime: SessionLifetime,
  now: number,
  userAgent: string,
): void {
  // Nothing of the anonymous session (its pending logins) carries over into the signed-in one.
  delete session.pendingLogins;
  session.user = user;
  session.github = github;
  session.createdAt = now;
  session.lastSeenAt = now;
  session.checkedAt = now;
  session.expiresAt = Math.min(now + lifetime.idleMs, now + lifetime.absoluteMs);
  session.maxAge = lifetime.absoluteMs;
  if (userAgent) session.userAgent = userAgent.slice(0, 512);
}

export type SignedInSession = AppSession &
  Required<Pick<AppSession, 'user' | 'github' | 'createdAt' | 'lastSeenAt' | 'expiresAt'>>;

/**
 * The server's word on whether this session is still alive, whatever the cookie says.
 * Returns the session when it is, sliding its idle deadline; null when nobody is signed in.
 */
export function checkUserSession(
  session: AppSession | null,
  lifetime: SessionLifetime,
  now: number,
): SignedInSession | null {
  if (!session?.user || !session.github || session.createdAt === undefined) return null;
  const lastSeenAt = session.lastSeenAt ?? session.createdAt;
  const expiresAt = Math.min(lastSeenAt + lifetime.idleMs, session.createdAt + lifetime.absoluteMs);
  if (now >= expiresAt) return null;
  if (now - lastSeenAt >= TOUCH_INTERVAL_MS) {
    session.lastSeenAt = now;
    session.expiresAt = Math.min(now + lifetime.idleMs, session.createdAt + lifetime.absoluteMs);
  } else {
    session.expiresAt = expiresAt;
  }
  return session as SignedInSession;
}
