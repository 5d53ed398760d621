/** Options shared by the programmatic API and the CLI. */
import type { WebhookConfig, WebhookDelivery, WebhookResult } from './webhooks/webhook-types.ts';

export interface GitHubStubOptions {
  /** Default STUB_DEFAULTS.clientId ('demo-client-id'). */
  clientId?: string;
  /** Default STUB_DEFAULTS.clientSecret ('demo-client-secret'). */
  clientSecret?: string;
  /** The OAuth app's registered callback URL (used when authorize has no redirect_uri). */
  callbackUrl?: string;
  /** Issue GitHub App user tokens (ghu_/ghr_, expiring). Default false. */
  expiringTokens?: boolean;
  /** Default 28800 (8 hours, GitHub's lifetime for user tokens of GitHub Apps). */
  accessTokenLifetimeSeconds?: number;
  /** Each user's hourly API budget (GitHub's primary rate limit); default 5000. */
  rateLimitPerHour?: number;
  /**
   * Live tokens per user/app/scope combination (GitHub: 10); the oldest beyond it is revoked
   * with reason 'token_limit'. false: no limit.
   */
  tokenLimit?: number | false;
  /** Whole length of issued tokens, prefix included (e.g. 520); default GitHub's 40 (refresh 80). */
  tokenLength?: number;
  /** Where the stand-in POSTs its webhooks (see sendWebhook); none when unset. */
  webhookUrl?: string;
  /** Signs webhook deliveries (X-Hub-Signature-256). */
  webhookSecret?: string;
  /** Clock in ms, default Date.now; drives code/token expiry and rate-limit windows. */
  now?: () => number;
}

export interface StartGitHubStubOptions extends GitHubStubOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 'localhost'. */
  host?: string;
}

export interface RecordedCall {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Time of the request by the stub's clock (ms). */
  time: number;
}

export type StubEndpoint = 'token' | 'user' | 'emails' | 'orgs' | 'teams' | 'revoke' | 'membership' | 'repos';

export type StubFailure =
  | { status: number; body?: string }
  | { hang: true }
  /** The normal answer, sent after the delay (released early by close(), like hang). */
  | { delayMs: number }
  | { malformed: true }
  | { oauthError: string };

export type RateLimitMode = 'primary' | 'secondary' | false;

/**
 * Why a token was revoked: 'user' (the user removed the app: revokeToken() or the settings
 * page), 'grant_deleted' (DELETE /applications/{id}/grant), 'token_deleted'
 * (DELETE /applications/{id}/token), 'token_limit' (an 11th token for the same user/app/scopes).
 */
export type RevocationReason = 'user' | 'grant_deleted' | 'token_deleted' | 'token_limit';

export interface TokenRevocation {
  token: string;
  reason: RevocationReason;
  /** By the stub's clock (ms). */
  time: number;
}

export interface StubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
  visibility: 'public' | 'private' | null;
}

export interface StubUser {
  id: number;
  login: string;
  name: string | null;
  /** The public profile email, as `GET /user` shows it. */
  publicEmail: string | null;
  emails: readonly StubEmail[];
}

export interface StubTeamRef {
  org: string;
  slug: string;
}

export interface GitHubStub {
  /** e.g. http://localhost:41234 (no trailing slash). */
  url: string;
  /** `${url}/api/v3`, the GitHub Enterprise Server layout. */
  apiUrl: string;
  /** Every request received (except the /_stub control endpoints), in order. */
  readonly calls: RecordedCall[];
  /** Every access and refresh token ever issued. */
  issuedTokens(): string[];
  failNext(endpoint: StubEndpoint, failure: StubFailure, times?: number): void;
  /**
   * As if the user removed the app in their settings: all their tokens for the app stop working
   * (reason 'user'), SSO authorizations end, and github_app_authorization `revoked` is sent.
   */
  revokeToken(token: string): void;
  revokedTokens(): string[];
  /** Every revocation, in order, with its reason. */
  revocations(): TokenRevocation[];
  revocationReason(token: string): RevocationReason | undefined;
  setOrgMembership(login: string, org: string, member: boolean): void;
  setTeamMembership(login: string, org: string, teamSlug: string, member: boolean): void;
  /** Makes these the user's orgs, in this order (team memberships are left alone). */
  setOrgs(login: string, orgs: readonly string[]): void;
  /** Makes these the user's teams, in this order, and the user a member of their orgs. */
  setTeams(login: string, teams: readonly StubTeamRef[]): void;
  /** Adds teams `team-001`… to the user in `org` (and the org); returns their slugs. */
  addGeneratedTeams(login: string, org: string, count: number): string[];
  /** 'primary': the budget is spent (403); 'secondary': 429 with Retry-After; false: a fresh window. */
  setRateLimited(login: string, mode: RateLimitMode): void;
  /** As if the user clicked Authorize on the org's SSO page, for the stand-in's app. */
  authorizeSso(login: string, org: string): void;
  revokeSso(login: string, org: string): void;
  isSsoAuthorized(login: string, org: string): boolean;
  /** API requests the user's tokens spent in the current hour (304s to conditional requests do not count). */
  rateLimitUsed(login: string): number;
  setExpiringTokens(on: boolean): void;
  /** Changes (or with {} clears) the webhook URL and secret; reset() restores the options. */
  setWebhook(config: WebhookConfig): void;
  /** POSTs a signed delivery now; resolves with the receiver's status (never rejects for a failed delivery). */
  sendWebhook(event: string, payload: unknown): Promise<WebhookResult>;
  /** Sends a recorded delivery again, byte for byte, with the same X-GitHub-Delivery. */
  redeliverWebhook(deliveryId: string): Promise<WebhookResult>;
  /** Every delivery, automatic or not, in order (copies). */
  webhookDeliveries(): WebhookDelivery[];
  /** Resolves once no delivery is in flight (the automatic ones are sent in the background). */
  flushWebhooks(): Promise<void>;
  /**
   * Back to defaults: calls, failures, codes, tokens, memberships, SSO authorizations, rate
   * limits, token mode, webhook URL/secret (from the options) and recorded deliveries.
   */
  reset(): void;
  /** Ends hanging requests, destroys open sockets and closes the server. */
  close(): Promise<void>;
}
