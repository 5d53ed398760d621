import type { ErrorResponse } from '../contract.ts';
import type { BffError } from './bff-error.ts';
import { ERROR_CODES } from './error-codes.ts';

/** The JSON an `/api` client gets for this failure. A sign-in-only code here is a bug: internal_error. */
export function apiErrorBody(err: BffError): ErrorResponse {
  const error = ERROR_CODES[err.code].api ?? 'internal_error';
  return error === 'sso_required' && err.sso ? { error, sso: err.sso } : { error };
}

/** The status that goes with apiErrorBody (a sign-in-only code reached /api: 500). */
export function apiErrorStatus(err: BffError): number {
  return ERROR_CODES[err.code].api === null ? 500 : err.status;
}

/**
 * Where a failed sign-in sends the browser: the page, with a code it can explain
 * (`/?auth_error=code`), plus the wait in seconds when there is one (`&retry_after=N`).
 */
export function signInErrorLocation(err: BffError): string {
  const query = new URLSearchParams({ auth_error: ERROR_CODES[err.code].signIn });
  if (err.code === 'rate_limited' && err.retryAfterSeconds !== undefined) {
    query.set('retry_after', String(err.retryAfterSeconds));
  }
  if (err.code === 'sso_required' && err.sso) {
    query.set('sso_org', err.sso.org);
    if (err.sso.url !== null) query.set('sso_url', err.sso.url);
  }
  return `/?${query.toString()}`;
}
