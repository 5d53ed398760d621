import type { GitHubTokens } from '../github/github-oauth.ts';
import type { GitHubUser } from '../github/github-user.ts';
import type { Memberships } from '../session/session-data.ts';

/** The live, checked session of a signed-in user, as a signed-in route receives it. */
export interface SignedInSession {
  /** The cookie's token: a secret. */
  readonly token: string;
  /** The session's id (the token's hash): what the store keys by; safe to show. */
  readonly id: string;
  readonly user: GitHubUser;
  /** Fresh: refreshed first when it was about to expire. */
  readonly github: GitHubTokens;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  /** The earlier of the (slid) idle deadline and the absolute one. */
  readonly expiresAt: number;
  readonly userAgent: string | undefined;
  /** Organisations and teams, when an upstream's access rule needs them. */
  readonly memberships: Memberships | undefined;
}
