import type { ApiErrorCode, AuthErrorCode } from '../contract.ts';

/**
 * Every way the BFF can fail, and how each is answered. One table: the HTTP status and `/api`
 * code of the JSON answer, and the `auth_error` of a sign-in that ends in it (sign-in is a
 * full-page navigation, so it lands on the page with a code the page can explain). Internal
 * codes say what happened; several may share a public code (the browser needs no more).
 * Security: only the public code ever leaves the server, never a message or a cause.
 */
interface ErrorAnswer {
  readonly status: number;
  /** The `{ "error": code }` of an `/api` answer; null for failures only a sign-in can meet. */
  readonly api: ApiErrorCode | null;
  /** The `?auth_error=` a sign-in that fails this way lands on. */
  readonly signIn: AuthErrorCode;
}

export const ERROR_CODES = {
  // The request itself.
  bad_request: { status: 400, api: 'bad_request', signIn: 'invalid_request' },
  not_found: { status: 404, api: 'not_found', signIn: 'invalid_request' },
  method_not_allowed: { status: 405, api: 'method_not_allowed', signIn: 'invalid_request' },
  csrf_header_missing: { status: 403, api: 'csrf_header_missing', signIn: 'invalid_request' },
  unauthenticated: { status: 401, api: 'unauthenticated', signIn: 'login_failed' },
  github_path_not_allowed: { status: 403, api: 'github_path_not_allowed', signIn: 'invalid_request' },
  /** Too many sign-in attempts from one client address. */
  rate_limited: { status: 429, api: null, signIn: 'rate_limited' },

  // The sign-in protocol (callback refusals).
  state_invalid: { status: 400, api: null, signIn: 'invalid_state' },
  login_expired: { status: 400, api: null, signIn: 'login_expired' },
  /** The user pressed Cancel on GitHub (`error=access_denied`). */
  access_denied: { status: 400, api: null, signIn: 'access_denied' },
  /** GitHub sent the browser back with another `error=`. */
  github_error_redirect: { status: 400, api: null, signIn: 'github_refused' },
  /** The callback lacks what GitHub always sends (`code`). */
  callback_incomplete: { status: 400, api: null, signIn: 'invalid_request' },

  // Access policy: decisions of this app, not failures of GitHub.
  not_allowed: { status: 403, api: 'forbidden', signIn: 'not_allowed' },
  /** Only SAML SSO stands between the user and access: a sign-in is refused, a session ends (401). */
  sso_required: { status: 401, api: 'sso_required', signIn: 'sso_required' },
  /** An upstream's rule names an org GitHub withheld for SAML SSO: unknown, so not "forbidden". */
  sso_withheld: { status: 403, api: 'sso_required', signIn: 'sso_required' },

  // GitHub.
  /** GitHub answered and said no (an OAuth error body, a 4xx). */
  github_refused: { status: 502, api: 'github_unavailable', signIn: 'github_refused' },
  /** The token no longer works (401 Bad credentials): the session it belongs to is over. */
  github_unauthorized: { status: 401, api: 'unauthenticated', signIn: 'github_refused' },
  /** The token stopped working because the user signed in on more than ten devices (GitHub's limit). */
  token_limit: { status: 401, api: 'token_limit', signIn: 'github_refused' },
  github_rate_limited: { status: 503, api: 'github_rate_limited', signIn: 'github_unavailable' },
  /** No usable answer: network error, timeout, 5xx, unreadable body. */
  github_unavailable: { status: 503, api: 'github_unavailable', signIn: 'github_unavailable' },
  /** The GitHub proxy got an answer it may not relay (too large, a redirect, a 5xx). */
  github_bad_gateway: { status: 502, api: 'github_unavailable', signIn: 'github_unavailable' },

  // Inbound from GitHub: POST /webhooks/github.
  /** Unsigned, or signed with another secret: nothing was done. */
  webhook_signature_invalid: { status: 401, api: 'webhook_signature_invalid', signIn: 'invalid_request' },

  // Your own APIs behind /api/<name>/*.
  /** A WebSocket upgrade whose Origin is not PUBLIC_URL (cross-site WebSocket hijacking). */
  cross_origin_websocket: { status: 403, api: 'forbidden', signIn: 'invalid_request' },
  payload_too_large: { status: 413, api: 'payload_too_large', signIn: 'invalid_request' },
  upstream_unavailable: { status: 502, api: 'upstream_unavailable', signIn: 'login_failed' },
  upstream_timeout: { status: 504, api: 'upstream_timeout', signIn: 'login_failed' },

  // The session store.
  store_unavailable: { status: 503, api: 'session_store_unavailable', signIn: 'session_store_unavailable' },

  // Everything else: a bug or a failure nobody foresaw. Logged with its cause.
  internal_error: { status: 500, api: 'internal_error', signIn: 'login_failed' },
  /** Startup only: the environment does not make a valid configuration. */
  config_invalid: { status: 500, api: 'internal_error', signIn: 'login_failed' },
} as const satisfies Record<string, ErrorAnswer>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Seconds a client should wait before retrying, by default, for codes that are worth retrying. */
export const DEFAULT_RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = {
  store_unavailable: 1,
  github_unavailable: 5,
  github_rate_limited: 60,
};
