import { createHash } from 'node:crypto';
import type { Router } from '@koa/router';
import type { Context } from 'koa';
import { redeemAuthorizationCode } from '../codes.ts';
import { injectFailures } from '../failures.ts';
import { readParams } from '../http-input.ts';
import { formatScopes } from '../scopes.ts';
import type { AuthorizationCode, StubState } from '../state.ts';
import {
  findLiveToken,
  issueTokens,
  REFRESH_TOKEN_LIFETIME_SECONDS,
  rotateTokens,
  type IssuedTokens,
} from '../tokens.ts';
import { oauthErrorBody } from './oauth-errors.ts';
import { sendTokenResponse } from './token-response.ts';

/** RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge. */
function verifierMatches(verifier: string, challenge: string): boolean {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url') === challenge;
}

function tokenBody(issued: IssuedTokens): Record<string, string | number> {
  const { access, refresh } = issued;
  const body: Record<string, string | number> = {
    access_token: access.token,
    token_type: 'bearer',
    scope: formatScopes(access.scopes),
  };
  if (refresh && access.expiresAt !== null) {
    body.expires_in = Math.round((access.expiresAt - access.createdAt) / 1000);
    body.refresh_token = refresh.token;
    body.refresh_token_expires_in = REFRESH_TOKEN_LIFETIME_SECONDS;
  }
  return body;
}

/** Why a redeemed code cannot be exchanged, if it cannot. */
function codeProblem(grant: AuthorizationCode, params: Record<string, string>): object | undefined {
  if (params.redirect_uri !== undefined && params.redirect_uri !== grant.redirectUri) {
    return oauthErrorBody('redirect_uri_mismatch');
  }
  if (grant.codeChallenge === undefined) return undefined;
  if (params.code_verifier === undefined) {
    return oauthErrorBody('bad_verification_code', 'The code_verifier is missing (PKCE was used).');
  }
  if (!verifierMatches(params.code_verifier, grant.codeChallenge)) {
    return oauthErrorBody('bad_verification_code', 'The code_verifier does not match the code_challenge.');
  }
  return undefined;
}

function exchange(state: StubState, params: Record<string, string>): object {
  const grantType = params.grant_type ?? 'authorization_code';
  if (grantType === 'refresh_token') {
    const refresh = findLiveToken(state, params.refresh_token ?? '', 'refresh');
    if (!refresh || refresh.clientId !== params.client_id) return oauthErrorBody('bad_refresh_token');
    return tokenBody(rotateTokens(state, refresh));
  }
  if (grantType !== 'authorization_code') return oauthErrorBody('unsupported_grant_type');
  // The code is spent on any attempt with valid credentials, so a wrong verifier cannot be retried.
  const grant = redeemAuthorizationCode(state, params.code, state.config.clientId);
  if (!grant) return oauthErrorBody('bad_verification_code');
  return codeProblem(grant, params) ?? tokenBody(issueTokens(state, grant));
}

async function handleAccessToken(ctx: Context, state: StubState): Promise<void> {
  const params = await readParams(ctx);
  // GitHub documents client_id and client_secret as body parameters.
  if (params.client_id !== state.config.clientId || params.client_secret !== state.config.clientSecret) {
    return sendTokenResponse(ctx, oauthErrorBody('incorrect_client_credentials'));
  }
  sendTokenResponse(ctx, exchange(state, params));
}

export function addAccessTokenRoute(router: Router, state: StubState): void {
  router.post('/login/oauth/access_token', injectFailures(state, 'token'), (ctx) => handleAccessToken(ctx, state));
}
