import { describe, expect, it } from 'vitest';
import type { ApiErrorCode, AuthErrorCode } from '../contract.ts';
import {
  BffError,
  ConfigError,
  ERROR_CODES,
  apiErrorBody,
  apiErrorStatus,
  errorLogFields,
  signInErrorLocation,
  toBffError,
} from './index.ts';

// Records over the contract's unions: a code added there fails the typecheck until listed here.
const API_CODES: Record<ApiErrorCode, true> = {
  unauthenticated: true,
  csrf_header_missing: true,
  forbidden: true,
  not_found: true,
  bad_request: true,
  method_not_allowed: true,
  github_path_not_allowed: true,
  session_store_unavailable: true,
  github_unavailable: true,
  github_rate_limited: true,
  payload_too_large: true,
  upstream_unavailable: true,
  upstream_timeout: true,
  webhook_signature_invalid: true,
  token_limit: true,
  sso_required: true,
  internal_error: true,
};
const AUTH_CODES: Record<AuthErrorCode, true> = {
  access_denied: true,
  login_expired: true,
  invalid_state: true,
  github_refused: true,
  github_unavailable: true,
  not_allowed: true,
  sso_required: true,
  session_store_unavailable: true,
  rate_limited: true,
  invalid_request: true,
  login_failed: true,
};

describe('the error table', () => {
  it('answers with every public code the contract declares, and none it does not', () => {
    const api = new Set(Object.values(ERROR_CODES).flatMap((row) => (row.api === null ? [] : [row.api])));
    expect([...api].sort()).toEqual(Object.keys(API_CODES).sort());
    const signIn = new Set(Object.values(ERROR_CODES).map((row) => row.signIn));
    expect([...signIn].sort()).toEqual(Object.keys(AUTH_CODES).sort());
  });

  it('gives a client failure a 4xx that is exposed, a server failure a 5xx that is not', () => {
    expect(new BffError('csrf_header_missing')).toMatchObject({ status: 403, expose: true, headers: {} });
    expect(new BffError('internal_error')).toMatchObject({ status: 500, expose: false });
    expect(new BffError('store_unavailable')).toMatchObject({ status: 503, headers: { 'Retry-After': '1' } });
    expect(new BffError('github_rate_limited', { retryAfterSeconds: 42 }).headers).toEqual({ 'Retry-After': '42' });
  });

  it('turns a sign-in-only code reaching /api into internal_error (a bug), never a stray public code', () => {
    const err = new BffError('state_invalid');
    expect(apiErrorBody(err)).toEqual({ error: 'internal_error' });
    expect(apiErrorStatus(err)).toBe(500);
    expect(apiErrorBody(new BffError('store_unavailable'))).toEqual({ error: 'session_store_unavailable' });
  });

  it('sends a failed sign-in to the page with its code, and a rate limit with its wait', () => {
    expect(signInErrorLocation(new BffError('state_invalid'))).toBe('/?auth_error=invalid_state');
    expect(signInErrorLocation(new BffError('store_unavailable'))).toBe('/?auth_error=session_store_unavailable');
    expect(signInErrorLocation(new BffError('rate_limited', { retryAfterSeconds: 17 }))).toBe(
      '/?auth_error=rate_limited&retry_after=17',
    );
    expect(signInErrorLocation(new BffError('internal_error'))).toBe('/?auth_error=login_failed');
  });
});

describe('toBffError', () => {
  it('keeps ours, reads Koa’s 4xx errors and bad %-encoding as the client’s, and anything else as a bug', () => {
    const ours = new BffError('not_found');
    expect(toBffError(ours)).toBe(ours);
    expect(toBffError(Object.assign(new Error('x'), { status: 404 })).code).toBe('not_found');
    expect(toBffError(Object.assign(new Error('x'), { status: 413 })).code).toBe('bad_request');
    expect(toBffError(new URIError('URI malformed')).code).toBe('bad_request');
    expect(toBffError(Object.assign(new Error('x'), { status: 502 })).code).toBe('internal_error');
    const bug = toBffError(new TypeError('undefined is not a function'));
    expect(bug.code).toBe('internal_error');
    expect(bug.cause).toBeInstanceOf(TypeError);
  });
});

describe('errorLogFields', () => {
  it('logs causes by name and message only, never the objects (they may hold a token)', () => {
    const cause = Object.assign(new Error('Response Error'), { data: { payload: { access_token: 'gho_secret' } } });
    const fields = errorLogFields(new BffError('github_refused', { detail: 'bad_verification_code', cause }));
    expect(fields).toEqual({
      err: { code: 'github_refused', status: 502, detail: 'bad_verification_code', causes: ['Error: Response Error'] },
    });
    expect(JSON.stringify(fields)).not.toContain('gho_secret');
  });

  it('adds where it happened for a bug', () => {
    expect(errorLogFields(new TypeError('boom')).err.stack).toMatch(/TypeError: boom\n\s+at /);
  });

  it('names every configuration problem in one message', () => {
    expect(new ConfigError(['A is wrong', 'B is missing']).message).toBe(
      'Configuration is invalid:\n  - A is wrong\n  - B is missing',
    );
  });
});
