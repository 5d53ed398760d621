import { createConfig, type StubConfig } from './config.ts';
import type { SsoRequest } from './sso.ts';
import type { WebhookConfig, WebhookDelivery } from './webhooks/webhook-types.ts';
import type {
  GitHubStubOptions,
  RateLimitMode,
  RevocationReason,
  RecordedCall,
  StubEndpoint,
  StubFailure,
} from './types.ts';
import { DEFAULT_ORG_MEMBERSHIPS, DEFAULT_TEAM_MEMBERSHIPS } from './users.ts';

export interface AuthorizationCode {
  code: string;
  clientId: string;
  login: string;
  scopes: string[];
  redirectUri: string;
  codeChallenge: string | undefined;
  expiresAt: number;
  used: boolean;
}

export interface TokenRecord {
  token: string;
  kind: 'access' | 'refresh';
  login: string;
  clientId: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number | null;
  /** 'rotated': replaced by a refresh; not a revocation. */
  status: 'active' | 'revoked' | 'rotated';
  /** The other token of the same access/refresh pair. */
  pairedWith: string | undefined;
  /** Why and when it was revoked (status 'revoked'). */
  revocation?: { reason: RevocationReason; time: number };
}

export interface PendingFailure {
  failure: StubFailure;
  remaining: number;
}

export interface RateWindow {
  used: number;
  resetAt: number;
}

/** All mutable state of one stub instance, so several stubs can run side by side. */
export interface StubState {
  config: StubConfig;
  url: string;
  expiringTokens: boolean;
  calls: RecordedCall[];
  codes: Map<string, AuthorizationCode>;
  tokens: Map<string, TokenRecord>;
  issued: string[];
  revoked: string[];
  /** Live access tokens per user/app/scope combination, oldest first (token-limit.ts). */
  liveTokens: Map<string, string[]>;
  failures: Map<StubEndpoint, PendingFailure[]>;
  /** Keys from membershipKey(). */
  orgMembers: Set<string>;
  teamMembers: Set<string>;
  rateLimited: Map<string, Exclude<RateLimitMode, false>>;
  rateWindows: Map<string, RateWindow>;
  /** Keys of SSO-authorized (user, app, org) triples, see sso.ts. */
  ssoAuthorized: Set<string>;
  /** authorization_request id → what it asks for, and the reverse. */
  ssoRequests: Map<string, SsoRequest>;
  ssoRequestIds: Map<string, string>;
  /** Where and how the stand-in's webhooks go (options, then setWebhook()). */
  webhook: WebhookConfig;
  deliveries: WebhookDelivery[];
  pendingDeliveries: Set<Promise<unknown>>;
  /** Aborted by close(): ends deliveries in flight. */
  webhookAbort: AbortController;
  /** Release functions of requests told to hang; called on close(). */
  hanging: Set<() => void>;
}

export function membershipKey(...parts: string[]): string {
  return parts.map((part) => part.toLowerCase()).join('/');
}

export function createState(options: GitHubStubOptions): StubState {
  const config = createConfig(options);
  const state: StubState = {
    config,
    url: '',
    expiringTokens: config.expiringTokens,
    calls: [],
    codes: new Map(),
    tokens: new Map(),
    issued: [],
    revoked: [],
    liveTokens: new Map(),
    failures: new Map(),
    orgMembers: new Set(),
    teamMembers: new Set(),
    rateLimited: new Map(),
    rateWindows: new Map(),
    ssoAuthorized: new Set(),
    ssoRequests: new Map(),
    ssoRequestIds: new Map(),
    webhook: {},
    deliveries: [],
    pendingDeliveries: new Set(),
    webhookAbort: new AbortController(),
    hanging: new Set(),
  };
  resetState(state);
  return state;
}

/** Clears in place so references handed out earlier (stub.calls) stay valid. */
export function resetState(state: StubState): void {
  state.expiringTokens = state.config.expiringTokens;
  state.calls.length = 0;
  state.issued.length = 0;
  state.revoked.length = 0;
  state.deliveries.length = 0;
  state.webhook = { url: state.config.webhookUrl, secret: state.config.webhookSecret };
  for (const collection of [
    state.codes,
    state.tokens,
    state.liveTokens,
    state.failures,
    state.orgMembers,
    state.teamMembers,
    state.rateLimited,
    state.rateWindows,
    state.ssoAuthorized,
    state.ssoRequests,
    state.ssoRequestIds,
  ]) {
    collection.clear();
  }
  for (const [login, org] of DEFAULT_ORG_MEMBERSHIPS) state.orgMembers.add(membershipKey(org, login));
  for (const [login, org, team] of DEFAULT_TEAM_MEMBERSHIPS) {
    state.teamMembers.add(membershipKey(org, team, login));
  }
}
