import type { Router } from '@koa/router';
import { injectFailures } from '../failures.ts';
import type { StubState } from '../state.ts';
import { authenticate, requireScope, sendApiError } from './api-guard.ts';
import { sendConditionalJson } from './conditional.ts';
import { isOrgMember, isTeamMember } from './memberships.ts';
import { needsSso, sendSsoRequired } from './sso-guard.ts';

export function addMembershipRoutes(router: Router, state: StubState): void {
  // https://docs.github.com/rest/orgs/members#get-an-organization-membership-for-the-authenticated-user
  router.get('/user/memberships/orgs/:org', injectFailures(state, 'membership'), (ctx) => {
    const caller = authenticate(ctx, state);
    if (!caller || !requireScope(ctx, caller, 'read:org', 403)) return;
    const org = ctx.params.org ?? '';
    if (needsSso(state, caller, org)) return sendSsoRequired(ctx, state, caller, org);
    if (!isOrgMember(state, caller.user.login, org)) return sendApiError(ctx, 404, 'Not Found');
    sendConditionalJson(ctx, state, caller, {
      url: `${state.url}/api/v3/orgs/${org}/memberships/${caller.user.login}`,
      state: 'active',
      role: 'member',
      organization: { login: org },
      user: { login: caller.user.login, id: caller.user.id },
    });
  });

  // https://docs.github.com/rest/teams/members#get-team-membership-for-a-user
  router.get('/orgs/:org/teams/:team/memberships/:username', injectFailures(state, 'membership'), (ctx) => {
    const caller = authenticate(ctx, state);
    if (!caller || !requireScope(ctx, caller, 'read:org', 403)) return;
    const { org = '', team = '', username = '' } = ctx.params;
    if (needsSso(state, caller, org)) return sendSsoRequired(ctx, state, caller, org);
    if (!isTeamMember(state, username, org, team)) return sendApiError(ctx, 404, 'Not Found');
    sendConditionalJson(ctx, state, caller, {
      url: `${state.url}/api/v3/teams/${org}/${team}/memberships/${username}`,
      role: 'member',
      state: 'active',
    });
  });
}
