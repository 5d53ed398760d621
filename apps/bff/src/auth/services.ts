import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { GitHubApi } from '../github/github-api.ts';
import type { GitHubOAuth } from '../github/github-oauth.ts';
import type { TokenRefresher } from '../session/refresh-github-tokens.ts';
import type { SessionLifetime } from '../session/session-lifetime.ts';
import type { SessionStore } from '../session/session-store.ts';

/** What the route handlers share, built once in createApp. */
export interface Services {
  readonly config: Config;
  readonly oauth: GitHubOAuth;
  readonly githubApi: GitHubApi;
  readonly lifetime: SessionLifetime;
  readonly store: SessionStore;
  readonly refreshTokens: TokenRefresher;
  readonly now: () => number;
  readonly log: Logger;
}
