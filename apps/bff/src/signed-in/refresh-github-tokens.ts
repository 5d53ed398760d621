import { BffError } from '../errors/index.ts';
import type { GitHubOAuth, GitHubTokens } from '../github/github-oauth.ts';
import type { SessionStore } from '../session/session-store.ts';
import { singleFlight } from './single-flight.ts';

const LOCK_TTL_MS = 15_000;
const POLL_MS = 50;

export type TokenRefresher = (sessionId: string, current: GitHubTokens) => Promise<GitHubTokens>;

/**
 * Refreshes a session's expiring GitHub token exactly once, however many requests (on however
 * many instances) notice at the same moment: GitHub's refresh tokens work once, and a second
 * use would fail with bad_refresh_token and end the session. In-process callers share one
 * promise; across instances a store lock decides who refreshes, and the others wait for it
 * and read the result from the store.
 */
export function createTokenRefresher(store: SessionStore, oauth: GitHubOAuth): TokenRefresher {
  const shared = singleFlight<GitHubTokens>();

  async function refreshOnce(sessionId: string, current: GitHubTokens): Promise<GitHubTokens> {
    const lock = `refresh:${sessionId}`;
    const giveUpAt = Date.now() + LOCK_TTL_MS;
    while (!(await store.tryLock(lock, LOCK_TTL_MS))) {
      if (Date.now() > giveUpAt)
        throw new BffError('github_unavailable', { detail: 'token refresh lock not released' });
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    try {
      const stored = await store.get(sessionId);
      if (!stored?.github) throw new BffError('github_unauthorized', { detail: 'session ended during refresh' });
      // Someone else refreshed while we waited for the lock: theirs is the token now.
      if (stored.github.refreshToken !== current.refreshToken) return stored.github;
      const fresh = await oauth.refreshTokens(current);
      const kept = await store.update(
        sessionId,
        { ...stored, github: fresh },
        stored.expiresAt ?? Date.now() + LOCK_TTL_MS,
      );
      if (!kept) throw new BffError('github_unauthorized', { detail: 'session ended during refresh' });
      return fresh;
    } finally {
      await store.unlock(lock);
    }
  }

  return (sessionId, current) => shared(sessionId, () => refreshOnce(sessionId, current));
}
