import type { Router } from '@koa/router';
import { injectFailures } from '../failures.ts';
import { queryParams } from '../http-input.ts';
import { hasScope } from '../scopes.ts';
import type { StubState } from '../state.ts';
import { authenticate, sendApiError } from './api-guard.ts';
import { sendConditionalJson } from './conditional.ts';
import { paginate, readPaging } from './pagination.ts';
import { reposOf, type StubRepo } from './repos.ts';
import { withholdSsoItems } from './sso-guard.ts';

const SORT_KEYS = new Set(['created', 'updated', 'pushed', 'full_name']);

function sortRepos(repos: readonly StubRepo[], sort: string): StubRepo[] {
  if (sort === 'full_name') return [...repos].sort((a, b) => a.name.localeCompare(b.name));
  return [...repos].sort((a, b) => b.updated_at.localeCompare(a.updated_at));
}

export function addReposRoute(router: Router, state: StubState): void {
  // https://docs.github.com/rest/repos/repos#list-repositories-for-the-authenticated-user
  router.get('/user/repos', injectFailures(state, 'repos'), (ctx) => {
    const caller = authenticate(ctx, state);
    if (!caller) return;
    const paging = readPaging(ctx);
    const sort = queryParams(ctx).sort ?? 'full_name';
    if (!paging || !SORT_KEYS.has(sort)) return sendApiError(ctx, 422, 'Validation Failed');
    // Private repositories need the repo scope.
    const visible = reposOf(caller.user.login).filter((repo) => !repo.private || hasScope(caller.token.scopes, 'repo'));
    const allowed = withholdSsoItems(ctx, state, caller, visible, (repo) => repo.org);
    const body = paginate(ctx, state, sortRepos(allowed, sort), paging).map(({ org, ...repo }) => {
      const owner = org ?? caller.user.login;
      return {
        ...repo,
        full_name: `${owner}/${repo.name}`,
        html_url: `${state.url}/${owner}/${repo.name}`,
        owner: { login: owner, type: org === undefined ? 'User' : 'Organization' },
      };
    });
    // Weak, unlike the other endpoints: the integration suite pins this route's W/ form.
    sendConditionalJson(ctx, state, caller, body, { weak: true });
  });
}
