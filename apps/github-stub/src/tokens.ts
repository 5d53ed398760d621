import { randomAlphanumeric } from './random.ts';
import type { StubState, TokenRecord } from './state.ts';
import { trackAccessToken } from './token-limit.ts';
import { endToken, revokeTokenPair } from './token-revocation.ts';

// GitHub App user tokens: the refresh token lives 6 months (the brief pins 15897600 s).
// https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens
export const REFRESH_TOKEN_LIFETIME_SECONDS = 15897600;

export interface IssuedTokens {
  access: TokenRecord;
  refresh: TokenRecord | undefined;
}

interface Grant {
  login: string;
  clientId: string;
  scopes: string[];
}

/** The prefix and random characters; option tokenLength sets the whole length. */
function tokenValue(state: StubState, prefix: string, defaultRandomLength: number): string {
  const length = state.config.tokenLength;
  return prefix + randomAlphanumeric(length === undefined ? defaultRandomLength : length - prefix.length);
}

function addToken(state: StubState, record: TokenRecord): TokenRecord {
  state.tokens.set(record.token, record);
  state.issued.push(record.token);
  if (record.kind === 'access') {
    const oldest = trackAccessToken(state, record);
    if (oldest) revokeTokenPair(state, oldest.token, 'token_limit');
  }
  return record;
}

/**
 * OAuth app tokens are gho_ and never expire; GitHub App user tokens are ghu_ with a ghr_
 * refresh token. Token formats: https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
 */
export function issueTokens(state: StubState, grant: Grant): IssuedTokens {
  const now = state.config.now();
  const base = {
    login: grant.login,
    clientId: grant.clientId,
    scopes: [...grant.scopes],
    createdAt: now,
    status: 'active' as const,
  };
  if (!state.expiringTokens) {
    const access = addToken(state, {
      ...base,
      token: tokenValue(state, 'gho_', 36),
      kind: 'access',
      expiresAt: null,
      pairedWith: undefined,
    });
    return { access, refresh: undefined };
  }
  const accessToken = tokenValue(state, 'ghu_', 36);
  const refreshToken = tokenValue(state, 'ghr_', 76);
  const access = addToken(state, {
    ...base,
    token: accessToken,
    kind: 'access',
    expiresAt: now + state.config.accessTokenLifetimeSeconds * 1000,
    pairedWith: refreshToken,
  });
  const refresh = addToken(state, {
    ...base,
    token: refreshToken,
    kind: 'refresh',
    expiresAt: now + REFRESH_TOKEN_LIFETIME_SECONDS * 1000,
    pairedWith: accessToken,
  });
  return { access, refresh };
}

/** An active, unexpired token of the given kind, or undefined. */
export function findLiveToken(state: StubState, token: string, kind: TokenRecord['kind']): TokenRecord | undefined {
  const record = state.tokens.get(token);
  if (!record || record.kind !== kind || record.status !== 'active') return undefined;
  if (record.expiresAt !== null && record.expiresAt <= state.config.now()) return undefined;
  return record;
}

/** Refresh tokens are single use: refreshing retires the old pair. */
export function rotateTokens(state: StubState, refresh: TokenRecord): IssuedTokens {
  endToken(state, refresh.token, 'rotated');
  endToken(state, refresh.pairedWith, 'rotated');
  return issueTokens(state, refresh);
}
