import type { Router } from '@koa/router';
import { injectFailures } from '../failures.ts';
import { findOrg, orgJson, teamJson } from '../orgs.ts';
import { hasScope } from '../scopes.ts';
import type { StubState } from '../state.ts';
import { authenticate, requireScope, sendApiError } from './api-guard.ts';
import { sendConditionalJson } from './conditional.ts';
import { listOrgs, listTeams } from './memberships.ts';
import { paginate, readPaging } from './pagination.ts';
import { withholdSsoItems } from './sso-guard.ts';

export function addOrgListRoutes(router: Router, state: StubState): void {
  // Org memberships in the stand-in are private, so they are listed only with read:org.
  // https://docs.github.com/rest/orgs/orgs#list-organizations-for-the-authenticated-user
  router.get('/user/orgs', injectFailures(state, 'orgs'), (ctx) => {
    const caller = authenticate(ctx, state);
    if (!caller) return;
    const paging = readPaging(ctx);
    if (!paging) return sendApiError(ctx, 422, 'Validation Failed');
    const member = hasScope(caller.token.scopes, 'read:org') ? listOrgs(state, caller.user.login) : [];
    const orgs = withholdSsoItems(ctx, state, caller, member, (org) => org);
    const page = paginate(ctx, state, orgs, paging).map((login) => orgJson(findOrg(login), state.url));
    sendConditionalJson(ctx, state, caller, page);
  });

  // https://docs.github.com/rest/teams/teams#list-teams-for-the-authenticated-user
  router.get('/user/teams', injectFailures(state, 'teams'), (ctx) => {
    const caller = authenticate(ctx, state);
    if (!caller || !requireScope(ctx, caller, 'read:org', 403)) return;
    const paging = readPaging(ctx);
    if (!paging) return sendApiError(ctx, 422, 'Validation Failed');
    const teams = withholdSsoItems(ctx, state, caller, listTeams(state, caller.user.login), (team) => team.org);
    const page = paginate(ctx, state, teams, paging).map(({ org, slug }) => teamJson(org, slug, state.url));
    sendConditionalJson(ctx, state, caller, page);
  });
}
