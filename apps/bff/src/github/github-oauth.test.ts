import { describe, expect, it } from 'vitest';
import { BffError } from '../errors/index.ts';
import { parseTokenResponse, toGitHubError } from './github-oauth.ts';

const NOW = 1_700_000_000_000;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof BffError ? `${err.code}:${err.detail ?? ''}` : 'not a BffError';
  }
  return undefined;
}

describe('parseTokenResponse', () => {
  it('keeps the access token and scope of a classic OAuth app token', () => {
    expect(parseTokenResponse({ access_token: 'gho_x', scope: 'read:user', token_type: 'bearer' }, NOW)).toEqual({
      accessToken: 'gho_x',
      scope: 'read:user',
    });
  });

  it('keeps the expiry (as a time) and refresh token of a GitHub App user token', () => {
    expect(
      parseTokenResponse({ access_token: 'ghu_x', expires_in: 28800, refresh_token: 'ghr_y', scope: '' }, NOW),
    ).toEqual({ accessToken: 'ghu_x', scope: '', expiresAt: NOW + 28_800_000, refreshToken: 'ghr_y' });
  });

  it('handles tokens of any length (GitHub says to expect them to grow)', () => {
    const long = `ghu_${'a'.repeat(516)}`;
    expect(parseTokenResponse({ access_token: long }, NOW).accessToken).toBe(long);
  });

  it('treats GitHub’s HTTP 200 error bodies as refusals, naming GitHub’s code for the log', () => {
    expect(codeOf(() => parseTokenResponse({ error: 'bad_verification_code', error_description: 'x' }, NOW))).toBe(
      'github_refused:bad_verification_code',
    );
  });

  it.each([
    [{}],
    [{ access_token: '' }],
    [null],
    ['text'],
    [{ access_token: 42 }],
    [{ access_token: 'x', expires_in: -1 }],
  ])('treats %j as an unusable answer', (raw) => {
    expect(codeOf(() => parseTokenResponse(raw, NOW))).toBe('github_unavailable:token response without access_token');
  });
});

describe('toGitHubError (what simple-oauth2 rejects with)', () => {
  const boom = (statusCode: number) => Object.assign(new Error('Response Error'), { output: { statusCode } });

  it.each([400, 401, 403, 404, 422])('a %i from the token endpoint is a refusal', (status) => {
    const err = toGitHubError(boom(status));
    expect([err.code, err.detail]).toEqual(['github_refused', `token endpoint ${status}`]);
  });

  it.each([406, 408, 500, 502, 503])('a %i is GitHub being unavailable', (status) => {
    expect(toGitHubError(boom(status)).code).toBe('github_unavailable');
  });

  it('no answer at all (a timeout, a refused connection) is GitHub being unavailable', () => {
    const err = toGitHubError(new Error('connect ECONNREFUSED'));
    expect([err.code, err.detail]).toEqual(['github_unavailable', 'token endpoint no answer']);
    expect(err.cause).toBeInstanceOf(Error);
  });
});
