import { isSsoAuthorized, setSsoAuthorized } from './sso.ts';
import type { StubState } from './state.ts';
import type { GitHubStub } from './types.ts';

export type SsoControls = Pick<GitHubStub, 'authorizeSso' | 'revokeSso' | 'isSsoAuthorized'>;

/** SSO authorization of the stand-in's app for a user and org, as the org's SSO page grants it. */
export function createSsoControls(state: StubState): SsoControls {
  const app = state.config.clientId;
  return {
    authorizeSso: (login, org) => setSsoAuthorized(state, login, app, org, true),
    revokeSso: (login, org) => setSsoAuthorized(state, login, app, org, false),
    isSsoAuthorized: (login, org) => isSsoAuthorized(state, login, app, org),
  };
}
