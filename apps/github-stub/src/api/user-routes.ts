import type { Router } from '@koa/router';
import { injectFailures } from '../failures.ts';
import type { StubState } from '../state.ts';
import { authenticate, requireScope } from './api-guard.ts';
import { sendConditionalJson } from './conditional.ts';
import { userJson } from './user-json.ts';

export function addUserRoutes(router: Router, state: StubState): void {
  router.get('/user', injectFailures(state, 'user'), (ctx) => {
    const caller = authenticate(ctx, state);
    if (caller) sendConditionalJson(ctx, state, caller, userJson(caller.user, state.url));
  });

  // Without user:email (or user) GitHub answers 404, not 403.
  // https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user
  router.get('/user/emails', injectFailures(state, 'emails'), (ctx) => {
    const caller = authenticate(ctx, state);
    if (!caller || !requireScope(ctx, caller, 'user:email', 404)) return;
    const emails = caller.user.emails.map(({ email, primary, verified, visibility }) => ({
      email,
      primary,
      verified,
      visibility,
    }));
    sendConditionalJson(ctx, state, caller, emails);
  });
}
