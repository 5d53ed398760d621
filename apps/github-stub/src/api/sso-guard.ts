import type { Context } from 'koa';
import { findOrg } from '../orgs.ts';
import { isSsoAuthorized, ssoRequestId } from '../sso.ts';
import type { StubState } from '../state.ts';
import { sendApiError, type Caller } from './api-guard.ts';
import { isOrgMember } from './memberships.ts';

// When an org enforces SAML SSO and the token is not SSO-authorized for it, the org's
// resources answer 403 with `X-GitHub-SSO: required; url=…`, and lists leave the org's items
// out with `X-GitHub-SSO: partial-results; organizations=<ids>`.
// https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api
const SSO_DOCS = 'https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/';

/** The caller is a member of an SSO-enforcing org and their app authorization is not authorized for it. */
export function needsSso(state: StubState, caller: Caller, orgLogin: string): boolean {
  const org = findOrg(orgLogin);
  return (
    org.ssoEnforced &&
    isOrgMember(state, caller.user.login, org.login) &&
    !isSsoAuthorized(state, caller.user.login, caller.token.clientId, org.login)
  );
}

export function sendSsoRequired(ctx: Context, state: StubState, caller: Caller, orgLogin: string): void {
  const org = findOrg(orgLogin);
  const request = ssoRequestId(state, caller.user.login, caller.token.clientId, org.login);
  ctx.set('X-GitHub-SSO', `required; url=${state.url}/orgs/${org.login}/sso?authorization_request=${request}`);
  sendApiError(
    ctx,
    403,
    'Resource protected by organization SAML enforcement. You must grant your OAuth token access to this organization.',
    SSO_DOCS,
  );
}

/**
 * Drops the items of orgs the caller still has to authorize (orgOf names an item's org, or
 * undefined for the user's own) and, if any were dropped, says which orgs by id.
 */
export function withholdSsoItems<T>(
  ctx: Context,
  state: StubState,
  caller: Caller,
  items: readonly T[],
  orgOf: (item: T) => string | undefined,
): T[] {
  const withheld = new Set<number>();
  const kept = items.filter((item) => {
    const org = orgOf(item);
    if (org === undefined || !needsSso(state, caller, org)) return true;
    withheld.add(findOrg(org).id);
    return false;
  });
  if (withheld.size > 0) ctx.set('X-GitHub-SSO', `partial-results; organizations=${[...withheld].join(',')}`);
  return kept;
}
