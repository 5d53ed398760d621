import type { GitHubTokens } from '../github/github-oauth.ts';
import type { GitHubUser } from '../github/github-user.ts';

/**
 * Everything the server keeps for one signed-in browser. Lives only in the session store: the
 * cookie carries nothing but the (signed) random id.
 */
export interface SessionData {
  user?: GitHubUser;
  github?: GitHubTokens;
  /** Epoch ms of sign-in; the absolute lifetime counts from here. */
  createdAt?: number;
  /** Epoch ms of the last request, updated at most once a minute; the idle timeout counts from here. */
  lastSeenAt?: number;
  /** The store keeps the entry until then (epoch ms). */
  expiresAt?: number;
  /** The browser's User-Agent at sign-in (trimmed), for the sessions list. */
  userAgent?: string;
  /** Epoch ms when GitHub last confirmed the token and the user's access (org/team/user lists). */
  checkedAt?: number;
  /**
   * The ETags GitHub gave the last re-check's answers, by API path: the next re-check sends them
   * as If-None-Match, and a 304 ("unchanged") spends none of the user's rate limit.
   */
  etags?: Record<string, string>;
  /** The user's organisations and teams (`org/slug`), lower-case, when an access rule needs them. */
  memberships?: Memberships;
}

export interface Memberships {
  orgs: string[];
  teams: string[];
  /** Orgs GitHub withheld for SAML SSO (partial results): unknown, never "not a member". */
  ssoWithheldOrgIds?: number[];
}

/**
 * A sign-in that has been started and not yet come back from GitHub. Kept in the store under a
 * hash of its `state` and taken from it exactly once (atomically) at the callback.
 */
export interface PendingLogin {
  /** Hash of the sign-in cookie's value: which browser started it. */
  binding: string;
  codeVerifier: string;
  returnTo: string;
  selectAccount: boolean;
  createdAt: number;
}

/** A session as the store lists it. */
export interface StoredSession {
  /** The session's id: the hash of its cookie's token (what the store keys by); safe to show. */
  readonly id: string;
  readonly data: SessionData;
}
