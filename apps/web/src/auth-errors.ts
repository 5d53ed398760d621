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
  session_store_unavailable: 'We could not start your session. Please try again in a few minutes.',
  rate_limited: 'Too many sign-in attempts. Please wait a few minutes and try again.',
  invalid_request: 'The answer from GitHub was incomplete. Please sign in again.',
  login_failed: 'Something went wrong while signing you in. Please try again.',
};

export const GENERIC_AUTH_ERROR_MESSAGE = 'Sign-in did not complete. Please try again.';

export const AUTH_ERROR_PARAM = 'auth_error';
/** With `rate_limited`: how many seconds to wait. */
export const RETRY_AFTER_PARAM = 'retry_after';

/** What the URL says about a failed sign-in. `code` is raw: only ever mapped to a fixed message. */
export interface AuthError {
  code: string;
  retryAfterSeconds?: number;
}

function isAuthErrorCode(code: string): code is AuthErrorCode {
  return Object.hasOwn(AUTH_ERROR_MESSAGES, code);
}

/** The message for a code from the URL. Unknown codes are never echoed back to the page. */
export function describeAuthError({ code, retryAfterSeconds }: AuthError): string {
  if (code === 'rate_limited' && retryAfterSeconds !== undefined) {
    return `Too many sign-in attempts. Please wait ${describeWait(retryAfterSeconds)} and try again.`;
  }
  return isAuthErrorCode(code) ? AUTH_ERROR_MESSAGES[code] : GENERIC_AUTH_ERROR_MESSAGE;
}

function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The failed sign-in a query string reports, or undefined when there is none. */
export function readAuthError(search: string): AuthError | undefined {
  const params = new URLSearchParams(search);
  const code = params.get(AUTH_ERROR_PARAM);
  if (code === null) return undefined;
  const wait = params.get(RETRY_AFTER_PARAM);
  // Only a small whole number is believed: the URL is anyone's to write.
  const retryAfterSeconds = wait !== null && /^\d{1,5}$/.test(wait) ? Number(wait) : undefined;
  return retryAfterSeconds === undefined ? { code } : { code, retryAfterSeconds };
}

/** `search` without `auth_error` (and its `retry_after`); returned untouched when it has none. */
export function searchWithoutAuthError(search: string): string {
  const params = new URLSearchParams(search);
  if (!params.has(AUTH_ERROR_PARAM)) return search;
  params.delete(AUTH_ERROR_PARAM);
  params.delete(RETRY_AFTER_PARAM);
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
