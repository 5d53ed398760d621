export interface StubDefaults {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The CLI's port (`STUB_PORT`); startGitHubStub() picks a free one unless told. */
  readonly port: number;
  readonly host: string;
  /** GitHub's lifetime for user tokens of GitHub Apps (8 hours). */
  readonly accessTokenLifetimeSeconds: number;
  /** GitHub's primary rate limit for a user token, per hour. */
  readonly rateLimitPerHour: number;
  /** GitHub's limit of live tokens per user/application/scope combination. */
  readonly tokenLimit: number;
}

/**
 * The stand-in's defaults, in one place for the stand-in itself and for the packages that
 * talk to it (tests, bench), so no one keeps a copy of the demo credentials.
 */
export const STUB_DEFAULTS: StubDefaults = Object.freeze({
  clientId: 'demo-client-id',
  clientSecret: 'demo-client-secret',
  port: 3001,
  host: 'localhost',
  accessTokenLifetimeSeconds: 28800,
  rateLimitPerHour: 5000,
  tokenLimit: 10,
});
