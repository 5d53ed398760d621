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
  sso_required:
    'An organisation this app requires uses SAML single sign-on, and you have not authorized this app for it yet. Authorize it on GitHub, then sign in again.',
  session_store_unavailable: 'We could not start your session. Please try again in a few minutes.',
  rate_limited: 'Too many sign-in attempts. Please wait a few minutes and try again.',
  invalid_request: 'The answer from GitHub was incomplete. Please sign in again.',
  login_failed: 'Something went wrong while signing you in. Please try again.',
};

export const GENERIC_AUTH_ERROR_MESSAGE = 'Sign-in did not complete. Please try again.';

export const AUTH_ERROR_PARAM = 'auth_error';
/** With `rate_limited`: how many seconds to wait. */
export const RETRY_AFTER_PARAM = 'retry_after';
/** With `sso_required`: the organisation, and GitHub's page to authorize the app for it. */
export const SSO_ORG_PARAM = 'sso_org';
export const SSO_URL_PARAM = 'sso_url';
const AUTH_ERROR_PARAMS = [AUTH_ERROR_PARAM, RETRY_AFTER_PARAM, SSO_ORG_PARAM, SSO_URL_PARAM];

/** What the URL says about a failed sign-in. `code` is raw: only ever mapped to a fixed message. */
export interface AuthError {
  code: string;
  retryAfterSeconds?: number;
  /** With `sso_required`; the URL is raw here: only ssoLink() may turn it into a link. */
  sso?: { org: string; url: string | null };
}

/** The token_limit message: the session ended because GitHub revoked its token. */
export const TOKEN_LIMIT_MESSAGE =
  'You signed in on more than ten devices; this one was signed out. GitHub keeps only the ten newest sign-ins of an app. Sign in again to continue here.';

/** GitHub's logins: letters, digits and single hyphens, at most 39 characters. */
export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/**
 * Security: the SSO URL came in the address bar, anyone's to write. It becomes a link only when
 * it is GitHub's SSO page for that org, on the GitHub host the BFF talks to (from /api/meta);
 * the BFF checked it too before redirecting here.
 */
export function ssoLink(sso: AuthError['sso'], githubHost: string | undefined): string | undefined {
  if (!sso?.url || githubHost === undefined || !URL.canParse(sso.url)) return undefined;
  const url = new URL(sso.url);
  if (!/^https?:$/.test(url.protocol) || url.host !== githubHost || url.username || url.password) return undefined;
  return url.pathname.toLowerCase() === `/orgs/${sso.org.toLowerCase()}/sso` ? url.href : undefined;
}

function isAuthErrorCode(code: string): code is AuthErrorCode {
  return Object.hasOwn(AUTH_ERROR_MESSAGES, code);
}

/** The message for a code from the URL. Unknown codes are never echoed back to the page. */
export function describeAuthError({ code, retryAfterSeconds, sso }: AuthError): string {
  if (code === 'rate_limited' && retryAfterSeconds !== undefined) {
    return `Too many sign-in attempts. Please wait ${describeWait(retryAfterSeconds)} and try again.`;
  }
  if (code === 'sso_required' && sso !== undefined) return describeSsoRequired(sso.org);
  return isAuthErrorCode(code) ? AUTH_ERROR_MESSAGES[code] : GENERIC_AUTH_ERROR_MESSAGE;
}

/** The message for an org that enforces SAML SSO (sign-in refused, or a session ended for it). */
export function describeSsoRequired(org: string): string {
  return `The organisation ${org} requires SAML single sign-on, and you have not authorized this app for it (or the authorization has lapsed). Authorize it on GitHub, then sign in again.`;
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
  const org = params.get(SSO_ORG_PARAM);
  const sso =
    code === 'sso_required' && org !== null && GITHUB_LOGIN.test(org)
      ? { org, url: params.get(SSO_URL_PARAM) }
      : undefined;
  return {
    code,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    ...(sso === undefined ? {} : { sso }),
  };
}

/** `search` without `auth_error` (and its `retry_after`); returned untouched when it has none. */
export function searchWithoutAuthError(search: string): string {
  const params = new URLSearchParams(search);
  if (!params.has(AUTH_ERROR_PARAM)) return search;
  for (const name of AUTH_ERROR_PARAMS) params.delete(name);
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
