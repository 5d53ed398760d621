import { clearSsoForGrant } from './sso.ts';
import type { StubState } from './state.ts';
import { untrackAccessToken } from './token-limit.ts';
import type { RevocationReason, TokenRevocation } from './types.ts';

/** Ends an active token: 'rotated' by a refresh, or 'revoked' for `reason`. */
export function endToken(
  state: StubState,
  token: string | undefined,
  status: 'revoked' | 'rotated',
  reason?: RevocationReason,
): void {
  const record = token === undefined ? undefined : state.tokens.get(token);
  if (!record || record.status !== 'active') return;
  record.status = status;
  if (record.kind === 'access') untrackAccessToken(state, record);
  if (status === 'revoked') {
    record.revocation = { reason: reason ?? 'user', time: state.config.now() };
    state.revoked.push(record.token);
  }
}

/** Revokes a token and the other half of its pair, so a refresh cannot bring it back. */
export function revokeTokenPair(state: StubState, token: string, reason: RevocationReason): void {
  const record = state.tokens.get(token);
  if (!record) return;
  endToken(state, record.token, 'revoked', reason);
  endToken(state, record.pairedWith, 'revoked', reason);
}

/**
 * Deleting the app authorization revokes every token of that user for that app (and the SSO
 * authorizations that came with it). Returns how many tokens it revoked.
 */
export function revokeGrant(state: StubState, login: string, clientId: string, reason: RevocationReason): number {
  let count = 0;
  for (const record of state.tokens.values()) {
    if (record.login === login && record.clientId === clientId && record.status === 'active') {
      endToken(state, record.token, 'revoked', reason);
      count += 1;
    }
  }
  clearSsoForGrant(state, login, clientId);
  return count;
}

/** The logins with at least one active token for the app, i.e. with a live grant. */
export function loginsWithGrant(state: StubState, clientId: string): Set<string> {
  const logins = new Set<string>();
  for (const record of state.tokens.values()) {
    if (record.clientId === clientId && record.status === 'active') logins.add(record.login);
  }
  return logins;
}

export function listRevocations(state: StubState): TokenRevocation[] {
  return state.revoked.flatMap((token) => {
    const revocation = state.tokens.get(token)?.revocation;
    return revocation ? [{ token, ...revocation }] : [];
  });
}
