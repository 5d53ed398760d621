import type { UpstreamConfig } from './upstreams.ts';

export type { UpstreamConfig } from './upstreams.ts';

/**
 * The whole configuration, parsed once from the environment at startup and frozen
 * (load-config.ts). Every module that needs a setting reads it from here.
 */
export interface Config {
  readonly production: boolean;
  readonly port: number;
  /** The origin the browser sees, without a trailing slash. */
  readonly publicUrl: string;
  /** Exactly `${publicUrl}/auth/callback`: one constant, never derived from request headers. */
  readonly redirectUri: string;
  readonly github: GitHubConfig;
  readonly session: SessionConfig;
  /** Sign-in attempts (`/auth/login` + `/auth/callback`) allowed per client address per window. */
  readonly signInRateLimit: { readonly limit: number; readonly windowMs: number };
  readonly http: HttpConfig;
  readonly log: {
    readonly level: string;
    readonly pretty: boolean;
    /** The audit trail goes here (one JSON line per security event) instead of the log. */
    readonly auditFile: string | null;
  };
  /** Prometheus metrics on a listener of their own; null: off. */
  readonly metrics: { readonly port: number; readonly host: string } | null;
  /** Your own APIs behind `/api/<name>/*` (API_UPSTREAMS). */
  readonly upstreams: readonly UpstreamConfig[];
  readonly identity: IdentityConfig;
  /** Built SPA to serve from the same origin, or null when Vite serves it (development). */
  readonly webDistDir: string | null;
}

export interface GitHubConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly url: string;
  readonly apiUrl: string;
  readonly scopes: readonly string[];
  readonly timeoutMs: number;
  /** True when GitHub is a local stand-in (a loopback host): the page says so. */
  readonly demo: boolean;
  /** Who may sign in: any of these (all empty: everyone). Logins and org names lower-cased. */
  readonly allowed: AccessPolicy;
  /** How often a live session's token and membership are checked again with GitHub. */
  readonly recheckIntervalMs: number;
  /** Path patterns `/api/github/*` forwards to the REST API (GITHUB_PROXY_ALLOW). */
  readonly proxyAllow: readonly string[];
  /** Some upstream's access rule names orgs or teams: keep each session's memberships. */
  readonly fetchMemberships: boolean;
  /** Verifies `POST /webhooks/github` (X-Hub-Signature-256); null: webhooks are off (404). */
  readonly webhookSecret: string | null;
}

export interface SessionConfig {
  /** Signing keys: the first signs, all verify (rotation). */
  readonly secrets: readonly string[];
  /** `sqlite` (embedded, one process) or `redis` (shared by several instances). */
  readonly store: 'sqlite' | 'redis';
  readonly dbPath: string;
  readonly redisUrl: string;
  readonly redisKeyPrefix: string;
  /** Where Redis is and how to reach it (with `store: 'redis'`). */
  readonly redis: RedisConfig;
  readonly cookieName: string;
  /** The cookie that ties a pending sign-in to the browser that started it. */
  readonly loginCookieName: string;
  readonly secureCookie: boolean;
  readonly idleTimeoutMs: number;
  readonly absoluteTimeoutMs: number;
}

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** One of the three ways Redis runs: REDIS_URL, REDIS_CLUSTER_NODES, or REDIS_SENTINELS. */
export type RedisTopology =
  | { readonly kind: 'single'; readonly url: string }
  | { readonly kind: 'cluster'; readonly nodes: readonly HostPort[] }
  | {
      readonly kind: 'sentinel';
      readonly sentinels: readonly HostPort[];
      readonly name: string;
      readonly sentinelPassword: string | null;
    };

export interface RedisConfig {
  readonly topology: RedisTopology;
  /** PEM of a private CA (REDIS_TLS_CA_FILE, read at startup); null: the system's CAs. */
  readonly tlsCa: string | null;
  /** Replicas that must acknowledge a session write (WAIT) before it is answered; 0: do not wait. */
  readonly waitReplicas: number;
  readonly waitTimeoutMs: number;
  readonly commandTimeoutMs: number;
}

export interface HttpConfig {
  /** Trust `X-Forwarded-*` (only behind a proxy you run). */
  readonly trustProxy: boolean;
  /** How many proxies in front append to X-Forwarded-For: the client is that many entries from the right. */
  readonly trustProxyHops: number;
  /** The whole request (headers and body) must arrive within this (Node's `requestTimeout`). */
  readonly requestTimeoutMs: number;
  /** The request headers must arrive within this (Node's `headersTimeout`). */
  readonly headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (Node's `keepAliveTimeout`). */
  readonly keepAliveTimeoutMs: number;
}

export interface IdentityConfig {
  /** PEM private keys (EC P-256): the first signs identity assertions, all are published (JWKS). */
  readonly signingKeys: readonly string[];
  readonly tokenTtlSeconds: number;
}

export interface AccessPolicy {
  readonly orgs: readonly string[];
  /** `org/team-slug` */
  readonly teams: readonly { readonly org: string; readonly slug: string }[];
  readonly users: readonly string[];
}

export type Env = Readonly<Record<string, string | undefined>>;
