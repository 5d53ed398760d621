/**
 * The BFF's public contract with the browser: the JSON shapes of `/api/*` and the
 * `auth_error` codes of a failed sign-in. The web app imports these types (type-only),
 * so the two sides cannot drift apart. Nothing here may ever carry a token.
 */

/** `GET /api/me` → 200. Flat, so the Flask example's `Welcome {email}` maps one to one. */
export interface MeResponse {
  /** GitHub's numeric user id: stable across renames, the key of the session. */
  id: number;
  login: string;
  /** The profile name; `null` when the user has not set one (show `login` then). */
  name: string | null;
  /** The public email, else the primary verified one; `null` when there is none. */
  email: string | null;
  avatarUrl: string;
  /** When the session ends on the server if nothing else happens (ISO 8601). */
  session: SessionTimes;
}

export interface SessionTimes {
  createdAt: string;
  /** The earlier of the idle deadline (pushed back by each request) and the absolute one. */
  expiresAt: string;
}

/** `GET /api/meta` → 200. What the page needs to know before anyone signs in. */
export interface MetaResponse {
  /** True when the BFF talks to the local GitHub stand-in instead of GitHub. */
  demo: boolean;
  /** Where sign-in happens, for display ("github.com", "github.example.com"). */
  githubHost: string;
}

/** `GET /api/sessions` → 200. Every live session of the signed-in GitHub user, newest first. */
export interface SessionsResponse {
  sessions: SessionInfo[];
}

export interface SessionInfo {
  /** An opaque handle for `DELETE /api/sessions/:id`; not a cookie value, useless to steal. */
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  /** True for the session making this request. */
  current: boolean;
  /**
   * True when ten newer sessions of this user exist: GitHub keeps ten tokens per user, app and
   * scopes and has revoked this one's, so its device is signed out at its next request.
   */
  signedOutByTokenLimit?: true;
}

/**
 * Every non-2xx JSON answer of `/api/*`. `code` values are stable; never a message from a library.
 * One exception: `/api/github/*` passes GitHub's own 4xx answers (404, 422…) through as GitHub sent them.
 */
export interface ErrorResponse {
  error: ApiErrorCode;
  /** With `sso_required`: which organisation, and GitHub's page to authorize this app for it. */
  sso?: SsoRequirement;
}

/**
 * An organisation the access rules need enforces SAML single sign-on, and this sign-in's token is
 * not authorized for it. `url` is GitHub's authorization page, checked to be on GITHUB_URL's host
 * (null when GitHub sent none that passes): the page links to it, never to anything else.
 */
export interface SsoRequirement {
  org: string;
  url: string | null;
}

export type ApiErrorCode =
  /** Nobody is signed in (no session, an ended or expired one, a token GitHub no longer accepts). */
  | 'unauthenticated'
  /** The request lacks `X-CSRF: 1`; nothing was done. */
  | 'csrf_header_missing'
  /** Signed in, but this app's access rules do not allow this user here. */
  | 'forbidden'
  | 'not_found'
  | 'bad_request'
  | 'method_not_allowed'
  /** `/api/github/*`: the path is not on the proxy's allowlist (GITHUB_PROXY_ALLOW); GitHub was not called. */
  | 'github_path_not_allowed'
  /** The session store cannot be reached; `Retry-After` says when to try again. */
  | 'session_store_unavailable'
  /** GitHub failed, timed out, or answered something that cannot be relayed. */
  | 'github_unavailable'
  /** GitHub's rate limit; `Retry-After` says when it resets. */
  | 'github_rate_limited'
  /** `/api/<upstream>/*`: the request body is larger than the upstream's maxRequestBytes. */
  | 'payload_too_large'
  /** `/api/<upstream>/*`: your backend could not be reached (refused, reset, not listening). */
  | 'upstream_unavailable'
  /** `/api/<upstream>/*`: your backend did not answer within the upstream's timeoutMs. */
  | 'upstream_timeout'
  /**
   * The session ended: GitHub revoked its token because the user signed in on more than ten
   * devices (GitHub keeps ten tokens per user, app and scopes, and revokes the oldest).
   */
  | 'token_limit'
  /**
   * 401: the session ended: an organisation the access rules need enforces SAML SSO and the token
   * is (no longer) authorized for it; `sso` says which and where to authorize.
   * 403 (`/api/<upstream>/*`): the route's rule names orgs or teams and GitHub withheld some of the
   * user's orgs for SAML SSO (partial results): membership there is unknown, not absent.
   */
  | 'sso_required'
  /** `POST /webhooks/github`: no X-Hub-Signature-256, or not the HMAC of the body under GITHUB_WEBHOOK_SECRET. */
  | 'webhook_signature_invalid'
  /** A bug: the server logged the cause. */
  | 'internal_error';

/**
 * The `?auth_error=` codes a failed sign-in redirects to. Short and stable: the page maps
 * each to a human message. GitHub's own `error_description` is never passed through.
 * With `rate_limited` the redirect also carries `&retry_after=<seconds>`.
 */
export type AuthErrorCode =
  /** The user pressed "Cancel" on GitHub's authorize page. */
  | 'access_denied'
  /** The sign-in took longer than the pending-login lifetime (10 minutes). */
  | 'login_expired'
  /** The callback's `state` is missing, wrong, already used, or from another browser. */
  | 'invalid_state'
  /** GitHub refused the exchange (bad or reused code, wrong credentials, redirect mismatch). */
  | 'github_refused'
  /** GitHub failed, timed out, or answered something unreadable. */
  | 'github_unavailable'
  /** The user is not in the allowed organisations, teams or users. */
  | 'not_allowed'
  /**
   * An allowed organisation enforces SAML SSO and the token is not authorized for it: the
   * redirect also carries `&sso_org=<org>` and, when GitHub gave one on its own host,
   * `&sso_url=<GitHub's authorization page>`.
   */
  | 'sso_required'
  /** The session store could not be reached (the same name as the API's). */
  | 'session_store_unavailable'
  /** Too many sign-in attempts from this address; `retry_after` says how long to wait. */
  | 'rate_limited'
  /** The callback arrived without the parameters GitHub always sends. */
  | 'invalid_request'
  /** Anything else: the server logged the cause. */
  | 'login_failed';
