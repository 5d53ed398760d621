import { randomAlphanumeric } from './random.ts';
import { clearSsoForGrant } from './sso.ts';
import type { StubState, TokenRecord } from './state.ts';

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

function addToken(state: StubState, record: TokenRecord): TokenRecord {
  state.tokens.set(record.token, record);
  state.issued.push(record.token);
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
      token: `gho_${randomAlphanumeric(36)}`,
      kind: 'access',
      expiresAt: null,
      pairedWith: undefined,
    });
    return { access, refresh: undefined };
  }
  const accessToken = `ghu_${randomAlphanumeric(36)}`;
  const refreshToken = `ghr_${randomAlphanumeric(76)}`;
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

function endToken(state: StubState, token: string | undefined, status: 'revoked' | 'rotated'): void {
  const record = token === undefined ? undefined : state.tokens.get(token);
  if (!record || record.status !== 'active') return;
  record.status = status;
  if (status === 'revoked') state.revoked.push(record.token);
}

/** Refresh tokens are single use: refreshing retires the old pair. */
export function rotateTokens(state: StubState, refresh: TokenRecord): IssuedTokens {
  endToken(state, refresh.token, 'rotated');
  endToken(state, refresh.pairedWith, 'rotated');
  return issueTokens(state, refresh);
}

/** Revokes a token and the other half of its pair, so a refresh cannot bring it back. */
export function revokeTokenPair(state: StubState, record: TokenRecord): void {
  endToken(state, record.token, 'revoked');
  endToken(state, record.pairedWith, 'revoked');
}

/** Deleting the app authorization revokes every token of that user for that app. */
export function revokeGrant(state: StubState, login: string, clientId: string): void {
  for (const record of state.tokens.values()) {
    if (record.login === login && record.clientId === clientId) endToken(state, record.token, 'revoked');
  }
  clearSsoForGrant(state, login, clientId);
}
