import type { AuthErrorCode } from '@github-bff/bff/contract';

/**
 * What to tell the user for each `?auth_error=` code the BFF redirects to. A Record, so a
 * code added to the contract fails the typecheck until it has a message here.
 */
export const AUTH_ERROR_MESSAGES: Record<AuthErrorCode, string> = {
  access_denied: 'You cancelled the sign-in on GitHub, so you are not signed in.',
  login_expired: 'The sign-in took too long and expired. Please sign in again.',
  invalid_state:
    'The sign-in could not be verified. It may have been started in another tab or browser. Please sign in again.',
  github_refused: 'GitHub refused the sign-in. Please sign in again.',
  github_unavailable: 'GitHub is unavailable, try again in a few minutes.',
  not_allowed: 'This GitHub account is not allowed to use this app.',
  session_unavailable: 'We could not start your session. Please try again in a few minutes.',
  rate_limited: 'Too many sign-in attempts. Please wait a few minutes and try again.',
  invalid_request: 'The answer from GitHub was incomplete. Please sign in again.',
  login_failed: 'Something went wrong while signing you in. Please try again.',
};

export const GENERIC_AUTH_ERROR_MESSAGE = 'Sign-in did not complete. Please try again.';

export const AUTH_ERROR_PARAM = 'auth_error';

function isAuthErrorCode(code: string): code is AuthErrorCode {
  return Object.hasOwn(AUTH_ERROR_MESSAGES, code);
}

/** The message for a code from the URL. Unknown codes are never echoed back to the page. */
export function describeAuthError(code: string): string {
  return isAuthErrorCode(code) ? AUTH_ERROR_MESSAGES[code] : GENERIC_AUTH_ERROR_MESSAGE;
}

/** The raw `auth_error` value of a query string, or undefined when there is none. */
export function readAuthError(search: string): string | undefined {
  return new URLSearchParams(search).get(AUTH_ERROR_PARAM) ?? undefined;
}

/** `search` without the `auth_error` parameter; returned untouched when it has none. */
export function searchWithoutAuthError(search: string): string {
  const params = new URLSearchParams(search);
  if (!params.has(AUTH_ERROR_PARAM)) return search;
  params.delete(AUTH_ERROR_PARAM);
  const rest = params.toString();
  return rest === '' ? '' : `?${rest}`;
}

/** Drops `auth_error` from the address bar (keeping path and hash) so a reload does not repeat it. */
export function removeAuthErrorFromUrl(): void {
  const { pathname, search, hash } = window.location;
  const cleaned = searchWithoutAuthError(search);
  if (cleaned === search) return;
  window.history.replaceState(window.history.state, '', pathname + cleaned + hash);
}
