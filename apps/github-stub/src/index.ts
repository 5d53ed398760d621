export { approveAuthorization, type ApproveAuthorizationOptions } from './approve-authorization.ts';
export { STUB_DEFAULTS, type StubDefaults } from './defaults.ts';
export { startGitHubStub } from './start-stub.ts';
export { STUB_ORGS, type StubOrg } from './orgs.ts';
export { WEBHOOK_APP_ID, WEBHOOK_HOOK_ID } from './webhooks/webhook-deliveries.ts';
export { STUB_USERS } from './users.ts';
export type {
  GitHubStub,
  GitHubStubOptions,
  RateLimitMode,
  RecordedCall,
  RevocationReason,
  StartGitHubStubOptions,
  StubEmail,
  StubEndpoint,
  StubFailure,
  StubTeamRef,
  StubUser,
  TokenRevocation,
} from './types.ts';
export type { WebhookConfig, WebhookDelivery, WebhookResult } from './webhooks/webhook-types.ts';
