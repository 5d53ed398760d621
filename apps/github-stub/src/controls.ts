import { usedByUser } from './api/rate-limit.ts';
import { queueFailure } from './failures.ts';
import { createMembershipControls, type MembershipControls } from './membership-controls.ts';
import { createSsoControls, type SsoControls } from './sso-controls.ts';
import { resetState, type StubState } from './state.ts';
import { listRevocations } from './token-revocation.ts';
import { revokeAppAsUser } from './user-revocation.ts';
import type { GitHubStub } from './types.ts';
import { createWebhookControls, type WebhookControls } from './webhook-controls.ts';

export type StubControls = MembershipControls &
  SsoControls &
  WebhookControls &
  Pick<
    GitHubStub,
    | 'issuedTokens'
    | 'failNext'
    | 'revokeToken'
    | 'revokedTokens'
    | 'revocations'
    | 'revocationReason'
    | 'setRateLimited'
    | 'rateLimitUsed'
    | 'setExpiringTokens'
    | 'reset'
  >;

/** The test controls, shared by the programmatic API and the /_stub HTTP endpoints. */
export function createControls(state: StubState): StubControls {
  return {
    ...createMembershipControls(state),
    ...createSsoControls(state),
    ...createWebhookControls(state),
    issuedTokens: () => [...state.issued],
    failNext: (endpoint, failure, times = 1) => queueFailure(state, endpoint, failure, times),
    revokeToken: (token) => {
      const record = state.tokens.get(token);
      if (record) revokeAppAsUser(state, record.login, record.clientId);
    },
    revokedTokens: () => [...state.revoked],
    revocations: () => listRevocations(state),
    revocationReason: (token) => state.tokens.get(token)?.revocation?.reason,
    setRateLimited: (login, mode) => {
      const key = login.toLowerCase();
      // A fresh window, so lifting the limit lets calls through again.
      state.rateWindows.delete(key);
      if (mode === false) state.rateLimited.delete(key);
      else state.rateLimited.set(key, mode);
    },
    rateLimitUsed: (login) => usedByUser(state, login),
    setExpiringTokens: (on) => {
      state.expiringTokens = on;
    },
    reset: () => resetState(state),
  };
}
