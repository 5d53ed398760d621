import type { StubConfig } from '../config.ts';
import { parseScopes } from '../scopes.ts';
import { authorizeRedirectMismatch } from './oauth-errors.ts';
import { isHttpUrl, redirectUriMatches, withParams } from './redirect-uri.ts';

/** The parameters GitHub's authorize endpoint reads, carried through the consent form. */
export const AUTHORIZE_PARAMS = [
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'prompt',
  'login',
  'allow_signup',
] as const;

export interface AuthorizeRequest {
  clientId: string;
  /** The redirect_uri given, or the registered callback URL. */
  redirectUri: string;
  state: string | undefined;
  scopes: string[];
  codeChallenge: string | undefined;
  /** GitHub's `login` parameter: the account to suggest. */
  suggestedLogin: string | undefined;
  /** The original parameters, to repeat as hidden form fields. */
  params: Record<string, string>;
}

export type AuthorizeCheck =
  | { kind: 'ok'; request: AuthorizeRequest }
  | { kind: 'page'; status: number; message: string }
  | { kind: 'redirect'; location: string };

export function checkAuthorizeRequest(config: StubConfig, input: Record<string, string>): AuthorizeCheck {
  const params: Record<string, string> = {};
  for (const name of AUTHORIZE_PARAMS) {
    const value = input[name];
    if (value !== undefined) params[name] = value;
  }
  if (params.client_id !== config.clientId) {
    return { kind: 'page', status: 404, message: 'No OAuth app is registered with this client_id.' };
  }
  const given = params.redirect_uri;
  if (given !== undefined && !isHttpUrl(given)) {
    return { kind: 'page', status: 400, message: 'redirect_uri is not an http(s) URL.' };
  }
  const callback = config.callbackUrl;
  if (given !== undefined && callback !== undefined && !redirectUriMatches(given, callback)) {
    // GitHub sends the user to the registered callback with this error instead.
    const location = withParams(callback, { ...authorizeRedirectMismatch(), state: params.state });
    return { kind: 'redirect', location };
  }
  const redirectUri = given ?? callback;
  if (redirectUri === undefined) {
    return {
      kind: 'page',
      status: 400,
      message: 'No redirect_uri given and the stand-in has no registered callback URL.',
    };
  }
  const challenge = params.code_challenge;
  const method = params.code_challenge_method;
  // GitHub supports only S256 for PKCE ("plain" is rejected).
  if ((challenge !== undefined || method !== undefined) && method !== 'S256') {
    return { kind: 'page', status: 400, message: 'code_challenge_method must be S256.' };
  }
  if (challenge === undefined || challenge === '') {
    if (method !== undefined) return { kind: 'page', status: 400, message: 'code_challenge is missing.' };
  }
  return {
    kind: 'ok',
    request: {
      clientId: config.clientId,
      redirectUri,
      state: params.state,
      scopes: parseScopes(params.scope),
      codeChallenge: challenge,
      suggestedLogin: params.login,
      params,
    },
  };
}
