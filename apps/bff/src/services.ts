import type { Logger } from 'pino';
import type { SecurityEvents } from './audit/security-events.ts';
import type { Config } from './config/config.ts';
import type { GitHubApi } from './github/github-api.ts';
import type { GitHubOAuth } from './github/github-oauth.ts';
import type { SessionLifetime } from './session/session-lifetime.ts';
import type { SessionStore } from './session/session-store.ts';

/** What the routes share, built once by the composition root (app.ts). */
export interface Services {
  readonly config: Config;
  readonly oauth: GitHubOAuth;
  readonly githubApi: GitHubApi;
  readonly lifetime: SessionLifetime;
  readonly store: SessionStore;
  readonly now: () => number;
  readonly log: Logger;
  /** The audit trail and the security metrics, in one call per event. */
  readonly events: SecurityEvents;
}
