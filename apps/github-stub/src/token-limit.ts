import type { StubState, TokenRecord } from './state.ts';

// "There is a limit of ten tokens that are issued per user/application/scope combination …
// If an application creates more than 10 tokens for the same user and same scopes, the oldest
// tokens with the same user/application/scope combination will be revoked."
// https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#creating-multiple-tokens-for-oauth-apps

/** The user/application/scope combination; scope order does not matter. */
function comboKey(record: TokenRecord): string {
  return [record.login, record.clientId, [...new Set(record.scopes)].sort().join(' ')].join('\0');
}

/**
 * Remembers a newly issued access token (the index keeps issuing O(1) even after thousands of
 * sign-ins) and returns the oldest live one of its combination if the limit is now exceeded.
 */
export function trackAccessToken(state: StubState, record: TokenRecord): TokenRecord | undefined {
  const key = comboKey(record);
  const live = state.liveTokens.get(key) ?? [];
  live.push(record.token);
  state.liveTokens.set(key, live);
  const limit = state.config.tokenLimit;
  if (limit === false || live.length <= limit) return undefined;
  const oldest = live[0];
  return oldest === undefined ? undefined : state.tokens.get(oldest);
}

/** Forgets an access token that stopped being live (revoked or rotated). */
export function untrackAccessToken(state: StubState, record: TokenRecord): void {
  const key = comboKey(record);
  const live = state.liveTokens.get(key);
  if (!live) return;
  const index = live.indexOf(record.token);
  if (index >= 0) live.splice(index, 1);
  if (live.length === 0) state.liveTokens.delete(key);
}
