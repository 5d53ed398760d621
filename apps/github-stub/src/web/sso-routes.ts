import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { isOrgMember } from '../api/memberships.ts';
import { queryParams, readParams } from '../http-input.ts';
import { findOrg, type StubOrg } from '../orgs.ts';
import { findSsoRequest, setSsoAuthorized } from '../sso.ts';
import type { StubState } from '../state.ts';
import type { StubUser } from '../types.ts';
import { findUser, STUB_USERS } from '../users.ts';
import { renderErrorPage, sendHtml } from './html.ts';
import { checkReturnTo } from './return-to.ts';
import { renderSsoDonePage, renderSsoPage } from './sso-page.ts';

interface SsoTarget {
  org: StubOrg;
  /** Named by the authorization request; undefined when the page lets a member pick. */
  user: StubUser | undefined;
  clientId: string;
  returnTo: string | undefined;
}

/** Reads and checks the page's parameters; answers with an error page when they do not fit. */
function readTarget(ctx: Context, state: StubState, input: Record<string, string>): SsoTarget | undefined {
  const org = findOrg((ctx.params as Record<string, string | undefined>).org ?? '');
  if (!org.ssoEnforced) {
    sendHtml(ctx, 404, renderErrorPage(404, 'This organization does not use SAML single sign-on.'));
    return undefined;
  }
  const returnTo = checkReturnTo(state, input.return_to);
  if (!returnTo.ok) {
    sendHtml(ctx, 400, renderErrorPage(400, "return_to must be on the stand-in's or the app callback's origin."));
    return undefined;
  }
  const id = input.authorization_request;
  if (id === undefined) return { org, user: undefined, clientId: state.config.clientId, returnTo: returnTo.url };
  const request = findSsoRequest(state, id);
  const user = request && findUser(request.login);
  if (!request || !user || request.org !== org.login) {
    sendHtml(ctx, 404, renderErrorPage(404, 'Unknown authorization request.'));
    return undefined;
  }
  return { org, user, clientId: request.clientId, returnTo: returnTo.url };
}

function members(state: StubState, org: StubOrg): StubUser[] {
  return STUB_USERS.filter((user) => isOrgMember(state, user.login, org.login));
}

/** The org's SSO page, where the X-GitHub-SSO `required` URL leads. */
export function addSsoRoutes(router: Router, state: StubState): void {
  router.get('/orgs/:org/sso', (ctx) => {
    const input = queryParams(ctx);
    const target = readTarget(ctx, state, input);
    if (!target) return;
    const list = members(state, target.org);
    if (target.user === undefined && list.length === 0) {
      return sendHtml(ctx, 404, renderErrorPage(404, 'No made-up user is a member of this organization.'));
    }
    const page = renderSsoPage({
      ...target,
      stubUrl: state.url,
      members: list,
      authorizationRequest: input.authorization_request,
    });
    sendHtml(ctx, 200, page);
  });

  router.post('/orgs/:org/sso', async (ctx) => {
    const input = await readParams(ctx);
    const target = readTarget(ctx, state, input);
    if (!target) return;
    const user = target.user ?? findUser(input.login ?? '');
    if (!user || !isOrgMember(state, user.login, target.org.login)) {
      return sendHtml(ctx, 400, renderErrorPage(400, 'Pick a member of the organization.'));
    }
    setSsoAuthorized(state, user.login, target.clientId, target.org.login, true);
    if (target.returnTo === undefined) return sendHtml(ctx, 200, renderSsoDonePage(target.org, user, target.clientId));
    ctx.status = 303;
    ctx.redirect(target.returnTo);
  });
}
