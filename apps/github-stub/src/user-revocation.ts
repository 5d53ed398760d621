import type { StubState } from './state.ts';
import { revokeGrant } from './token-revocation.ts';
import { announceAppRevoked } from './webhooks/webhook-events.ts';

/**
 * The user removes the app in their settings: the grant is deleted (every token stops
 * working) and, if there was one, the github_app_authorization `revoked` webhook goes out.
 * Returns whether anything was revoked.
 */
export function revokeAppAsUser(state: StubState, login: string, clientId: string): boolean {
  if (revokeGrant(state, login, clientId, 'user') === 0) return false;
  announceAppRevoked(state, login);
  return true;
}
