import { randomBytes } from 'node:crypto';
import type { StubState } from './state.ts';

/**
 * SAML SSO authorization of an app's authorization, per (user, client app, org): "authorize"
 * it on the org's SSO page and the token may reach the org's resources.
 * https://docs.github.com/enterprise-cloud@latest/authentication/authenticating-with-saml-single-sign-on/authorizing-a-personal-access-token-for-use-with-saml-single-sign-on
 */
export interface SsoRequest {
  login: string;
  clientId: string;
  org: string;
}

function ssoKey(login: string, clientId: string, org: string): string {
  return [login.toLowerCase(), clientId, org.toLowerCase()].join('\0');
}

export function isSsoAuthorized(state: StubState, login: string, clientId: string, org: string): boolean {
  return state.ssoAuthorized.has(ssoKey(login, clientId, org));
}

export function setSsoAuthorized(state: StubState, login: string, clientId: string, org: string, on: boolean) {
  const key = ssoKey(login, clientId, org);
  if (on) state.ssoAuthorized.add(key);
  else state.ssoAuthorized.delete(key);
}

/** The SSO authorization belongs to the app authorization: deleting the grant ends it. */
export function clearSsoForGrant(state: StubState, login: string, clientId: string): void {
  const prefix = `${login.toLowerCase()}\0${clientId}\0`;
  for (const key of [...state.ssoAuthorized]) if (key.startsWith(prefix)) state.ssoAuthorized.delete(key);
}

/** The opaque `authorization_request` for the X-GitHub-SSO URL: one per (user, app, org). */
export function ssoRequestId(state: StubState, login: string, clientId: string, org: string): string {
  const key = ssoKey(login, clientId, org);
  const existing = state.ssoRequestIds.get(key);
  if (existing !== undefined) return existing;
  const id = randomBytes(16).toString('hex');
  state.ssoRequestIds.set(key, id);
  state.ssoRequests.set(id, { login: login.toLowerCase(), clientId, org: org.toLowerCase() });
  return id;
}

export function findSsoRequest(state: StubState, id: string | undefined): SsoRequest | undefined {
  return id === undefined ? undefined : state.ssoRequests.get(id);
}
