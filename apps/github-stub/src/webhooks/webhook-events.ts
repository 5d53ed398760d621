import type { StubState } from '../state.ts';
import { findUser } from '../users.ts';
import { queueWebhook } from './webhook-deliveries.ts';
import { appAuthorizationRevoked, orgMemberRemoved, teamMemberRemoved } from './webhook-payloads.ts';

// The webhooks the stand-in sends by itself when these things happen in it; only for made-up
// users (a webhook names the user's numeric id).

/** The user revoked the app (settings page or revokeToken()). */
export function announceAppRevoked(state: StubState, login: string): void {
  const user = findUser(login);
  if (user) queueWebhook(state, 'github_app_authorization', appAuthorizationRevoked(user, state.url));
}

export function announceOrgMemberRemoved(state: StubState, login: string, org: string): void {
  const user = findUser(login);
  if (user) queueWebhook(state, 'organization', orgMemberRemoved(user, org, state.url));
}

export function announceTeamMemberRemoved(state: StubState, login: string, org: string, slug: string): void {
  const user = findUser(login);
  if (user) queueWebhook(state, 'membership', teamMemberRemoved(user, org, slug, state.url));
}
