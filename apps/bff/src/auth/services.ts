import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { GitHubApi } from '../github/github-api.ts';
import type { GitHubOAuth } from '../github/github-oauth.ts';
import type { SessionLifetime } from '../session/session-lifetime.ts';

/** What the route handlers share, built once in createApp. */
export interface Services {
  readonly config: Config;
  readonly oauth: GitHubOAuth;
  readonly githubApi: GitHubApi;
  readonly lifetime: SessionLifetime;
  readonly now: () => number;
  readonly log: Logger;
}
