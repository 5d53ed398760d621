import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { injectFailures } from '../failures.ts';
import { isRecord, readBasicAuth, readJsonBody } from '../http-input.ts';
import type { StubState, TokenRecord } from '../state.ts';
import { findLiveToken } from '../tokens.ts';
import { revokeGrant, revokeTokenPair } from '../token-revocation.ts';
import { findUser } from '../users.ts';
import { sendApiError } from './api-guard.ts';
import { userJson } from './user-json.ts';

/**
 * The OAuth app endpoints authenticate the app with Basic client_id:client_secret; GitHub
 * answers bad app credentials, like an unknown token, with 404.
 * https://docs.github.com/rest/apps/oauth-applications
 */
async function findAppToken(ctx: Context, state: StubState): Promise<TokenRecord | undefined> {
  const credentials = readBasicAuth(ctx);
  const { clientId, clientSecret } = state.config;
  if (
    (ctx.params as Record<string, string | undefined>).client_id !== clientId ||
    credentials?.id !== clientId ||
    credentials.secret !== clientSecret
  ) {
    sendApiError(ctx, 404, 'Not Found');
    return undefined;
  }
  const body = await readJsonBody(ctx);
  const accessToken = isRecord(body) ? body.access_token : undefined;
  if (typeof accessToken !== 'string' || accessToken === '') {
    sendApiError(ctx, 422, 'Invalid request.\n\n"access_token" wasn\'t supplied.');
    return undefined;
  }
  const token = findLiveToken(state, accessToken, 'access');
  if (token?.clientId === clientId) return token;
  sendApiError(ctx, 404, 'Not Found');
  return undefined;
}

export function addApplicationRoutes(router: Router, state: StubState): void {
  router.delete('/applications/:client_id/token', injectFailures(state, 'revoke'), async (ctx) => {
    const token = await findAppToken(ctx, state);
    if (!token) return;
    revokeTokenPair(state, token.token, 'token_deleted');
    ctx.status = 204;
  });

  router.delete('/applications/:client_id/grant', injectFailures(state, 'revoke'), async (ctx) => {
    const token = await findAppToken(ctx, state);
    if (!token) return;
    revokeGrant(state, token.login, token.clientId, 'grant_deleted');
    ctx.status = 204;
  });

  // "Check a token". GitHub echoes the token here; the stand-in redacts it so that tests
  // scanning responses for issued tokens do not trip over this endpoint.
  router.post('/applications/:client_id/token', async (ctx) => {
    const token = await findAppToken(ctx, state);
    const user = token && findUser(token.login);
    if (!token || !user) return;
    ctx.body = {
      id: state.issued.indexOf(token.token) + 1,
      token: '<redacted>',
      token_last_eight: token.token.slice(-8),
      scopes: token.scopes,
      created_at: new Date(token.createdAt).toISOString(),
      expires_at: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
      app: { client_id: token.clientId, name: 'Demo app', url: state.url },
      user: userJson(user, state.url),
    };
  });
}
