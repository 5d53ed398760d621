import type { AuthorizationCode } from 'simple-oauth2';
import { z } from 'zod';
import { BffError } from '../errors/index.ts';
import { USER_AGENT, type GitHubObserver } from './github-api.ts';

export interface GitHubOAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly githubUrl: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly timeoutMs: number;
  readonly observer?: GitHubObserver;
}

const TOKEN_PATH = '/login/oauth/access_token';

/** What the BFF keeps of a token response. Never leaves the server. */
export interface GitHubTokens {
  accessToken: string;
  scope: string;
  /** Only for expiring tokens (GitHub App user tokens); epoch ms. */
  expiresAt?: number;
  refreshToken?: string;
}

// @types/simple-oauth2 5.0.8 does not know the PKCE fields, though simple-oauth2 passes any
// parameter through; these types say what we actually send.
interface AuthorizeParams {
  redirect_uri: string;
  scope: string;
  state: string;
  code_challenge: string;
  code_challenge_method: 'S256';
  prompt?: 'select_account';
}
interface TokenParams {
  code: string;
  redirect_uri: string;
  code_verifier: string;
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  scope: z.string().optional(),
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
});
const ErrorResponse = z.object({ error: z.string() });

export type GitHubOAuth = ReturnType<typeof createGitHubOAuth>;

export function createGitHubOAuth(options: GitHubOAuthOptions, now: () => number = Date.now) {
  // simple-oauth2 (with joi and @hapi) adds about 14 MB to the process: loaded on the first
  // sign-in rather than at startup, so a server that only answers /api/me stays small.
  let loaded: Promise<AuthorizationCode> | undefined;
  const oauthClient = () =>
    (loaded ??= import('simple-oauth2').then(
      ({ AuthorizationCode }) =>
        new AuthorizationCode({
          client: { id: options.clientId, secret: options.clientSecret },
          auth: {
            tokenHost: options.githubUrl,
            tokenPath: '/login/oauth/access_token',
            authorizePath: '/login/oauth/authorize',
          },
          // GitHub wants the client credentials in the form body, not Basic auth.
          options: { authorizationMethod: 'body' },
          // simple-oauth2 has no timeout of its own.
          http: { timeout: options.timeoutMs, headers: { 'User-Agent': USER_AGENT } },
        }),
    ));

  async function createAuthorizationUrl(login: {
    state: string;
    codeChallenge: string;
    selectAccount?: boolean;
  }): Promise<string> {
    const client = await oauthClient();
    const params: AuthorizeParams = {
      redirect_uri: options.redirectUri,
      scope: options.scopes.join(' '),
      state: login.state,
      code_challenge: login.codeChallenge,
      code_challenge_method: 'S256',
    };
    if (login.selectAccount) params.prompt = 'select_account';
    return client.authorizeURL(params);
  }

  /** Exchanges an authorization code. Throws a BffError (github_*) for every kind of failure. */
  async function exchangeCode(code: string, codeVerifier: string): Promise<GitHubTokens> {
    const params: TokenParams = { code, redirect_uri: options.redirectUri, code_verifier: codeVerifier };
    const client = await oauthClient();
    const raw = await timed(() => client.getToken(params).then((answer) => answer.token as unknown));
    return parseTokenResponse(raw, now());
  }

  /** The token endpoint's call, observed (for metrics) and its failures made BffErrors. */
  async function timed(call: () => Promise<unknown>): Promise<unknown> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const raw = await call();
      options.observer?.answered(TOKEN_PATH, 200, new Headers(), seconds());
      return raw;
    } catch (cause) {
      const status = boomStatus(cause);
      if (status) options.observer?.answered(TOKEN_PATH, status, new Headers(), seconds());
      else options.observer?.failed(TOKEN_PATH, seconds());
      throw toGitHubError(cause);
    }
  }

  /**
   * Trades a refresh token for new tokens (GitHub App user tokens expire after 8 hours).
   * GitHub's refresh tokens work once: the caller must keep the one returned.
   * https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens
   */
  async function refreshTokens(current: GitHubTokens): Promise<GitHubTokens> {
    if (!current.refreshToken) throw new BffError('github_refused', { detail: 'no refresh token' });
    const client = await oauthClient();
    const token = client.createToken({ access_token: current.accessToken, refresh_token: current.refreshToken });
    const raw = await timed(() => token.refresh().then((answer) => answer.token as unknown));
    const fresh = parseTokenResponse(raw, now());
    // simple-oauth2 5.1.0 means to carry the old refresh token over when the answer has none,
    // but reads a field that does not exist and leaves it undefined. GitHub rotates it on
    // every refresh; should an answer ever lack one, keep ours rather than lose the session.
    if (!fresh.refreshToken) fresh.refreshToken = current.refreshToken;
    return fresh;
  }

  return { createAuthorizationUrl, exchangeCode, refreshTokens };
}

/**
 * GitHub answers a bad code, bad client credentials or a redirect mismatch with HTTP 200
 * and `{"error": ...}`, which simple-oauth2 resolves as if it were a token. Only a body
 * with an `access_token` is a success.
 * https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors
 */
export function parseTokenResponse(raw: unknown, nowMs: number): GitHubTokens {
  const token = TokenResponse.safeParse(raw);
  if (!token.success) {
    const error = ErrorResponse.safeParse(raw);
    throw error.success
      ? new BffError('github_refused', { detail: error.data.error })
      : new BffError('github_unavailable', { detail: 'token response without access_token' });
  }
  const { access_token, scope, expires_in, refresh_token } = token.data;
  const tokens: GitHubTokens = { accessToken: access_token, scope: scope ?? '' };
  if (expires_in !== undefined) tokens.expiresAt = nowMs + expires_in * 1000;
  if (refresh_token !== undefined) tokens.refreshToken = refresh_token;
  return tokens;
}

/** simple-oauth2 rejects with @hapi/wreck's Boom errors: timeouts, HTTP ≥ 400, non-JSON bodies. */
export function toGitHubError(cause: unknown): BffError {
  const code = boomStatus(cause) ?? 0;
  if (code >= 400 && code < 500 && code !== 406 && code !== 408) {
    return new BffError('github_refused', { detail: `token endpoint ${code}`, cause });
  }
  return new BffError('github_unavailable', { detail: `token endpoint ${code || 'no answer'}`, cause });
}

/** The HTTP status of a Boom error (simple-oauth2's, from @hapi/wreck), if it has one. */
function boomStatus(cause: unknown): number | undefined {
  const parsed = z.object({ output: z.object({ statusCode: z.number() }) }).safeParse(cause);
  return parsed.success ? parsed.data.output.statusCode : undefined;
}
