import type { Router } from '@koa/router';
import { queryParams, readParams } from '../http-input.ts';
import type { StubState } from '../state.ts';
import { loginsWithGrant } from '../token-revocation.ts';
import { revokeAppAsUser } from '../user-revocation.ts';
import { findUser, STUB_USERS } from '../users.ts';
import { renderErrorPage, sendHtml } from './html.ts';
import { renderSettingsPage } from './settings-page.ts';

const PAGE = '/settings/applications';

/**
 * Demo mode's way to revoke the app as a user would on github.com/settings/applications
 * ("Authorized OAuth Apps" → Revoke): the authorization and its tokens go away.
 * https://docs.github.com/apps/oauth-apps/using-oauth-apps/reviewing-your-authorized-oauth-apps
 */
export function addSettingsRoutes(router: Router, state: StubState): void {
  router.get(PAGE, (ctx) => {
    const clientId = state.config.clientId;
    const granted = loginsWithGrant(state, clientId);
    const users = STUB_USERS.filter((user) => granted.has(user.login));
    const revoked = findUser(queryParams(ctx).revoked ?? '');
    sendHtml(ctx, 200, renderSettingsPage(clientId, users, state.url, revoked));
  });

  router.post(`${PAGE}/revoke`, async (ctx) => {
    const user = findUser((await readParams(ctx)).login ?? '');
    if (!user) return sendHtml(ctx, 400, renderErrorPage(400, 'Unknown user.'));
    const revoked = revokeAppAsUser(state, user.login, state.config.clientId);
    // Post/redirect/get, so reloading the page does not post again.
    ctx.status = 303;
    ctx.redirect(revoked ? `${PAGE}?revoked=${encodeURIComponent(user.login)}` : PAGE);
  });
}
