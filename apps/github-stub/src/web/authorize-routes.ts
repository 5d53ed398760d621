import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { createAuthorizationCode } from '../codes.ts';
import { queryParams, readParams } from '../http-input.ts';
import type { StubState } from '../state.ts';
import { findUser } from '../users.ts';
import { renderAuthorizePage } from './authorize-page.ts';
import { checkAuthorizeRequest, type AuthorizeRequest } from './authorize-request.ts';
import { renderErrorPage, sendHtml } from './html.ts';
import { oauthErrorBody } from './oauth-errors.ts';
import { withParams } from './redirect-uri.ts';

/** Sends the browser back to the app with a code or GitHub's access_denied error. */
function finishAuthorization(
  ctx: Context,
  state: StubState,
  request: AuthorizeRequest,
  login: string | undefined,
  decision: string | undefined,
): void {
  if (decision === 'deny') {
    const { error, error_description, error_uri } = oauthErrorBody('access_denied');
    ctx.redirect(withParams(request.redirectUri, { error, error_description, error_uri, state: request.state }));
    return;
  }
  const user = login === undefined ? undefined : findUser(login);
  if (decision !== 'approve' || !user) {
    sendHtml(ctx, 400, renderErrorPage(400, 'Pick a known user and approve or deny.'));
    return;
  }
  const code = createAuthorizationCode(state, {
    clientId: request.clientId,
    login: user.login,
    scopes: request.scopes,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
  });
  ctx.redirect(withParams(request.redirectUri, { code, state: request.state }));
}

async function handleAuthorize(ctx: Context, state: StubState, input: Record<string, string>) {
  const check = checkAuthorizeRequest(state.config, input);
  if (check.kind === 'page') return sendHtml(ctx, check.status, renderErrorPage(check.status, check.message));
  if (check.kind === 'redirect') return ctx.redirect(check.location);
  if (ctx.method === 'POST') {
    return finishAuthorization(ctx, state, check.request, input.login, input.decision);
  }
  // Stub-only shortcut for automated tests (not a GitHub parameter):
  // ?stub_login=<login>&stub_decision=approve|deny answers without the consent page.
  if (input.stub_login !== undefined || input.stub_decision !== undefined) {
    const decision = input.stub_decision ?? 'approve';
    return finishAuthorization(ctx, state, check.request, input.stub_login, decision);
  }
  sendHtml(ctx, 200, renderAuthorizePage(check.request, state.url));
}

export function addAuthorizeRoutes(router: Router, state: StubState): void {
  router.get('/login/oauth/authorize', (ctx) => handleAuthorize(ctx, state, queryParams(ctx)));
  router.post('/login/oauth/authorize', async (ctx) => handleAuthorize(ctx, state, await readParams(ctx)));
}
