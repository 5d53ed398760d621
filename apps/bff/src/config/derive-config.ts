import type { Config, RedisConfig, RedisTopology } from './config.ts';
import type { ConfigInput } from './config-input.ts';
import { DEFAULT_WEB_DIST_DIR, DEFAULTS } from './defaults.ts';
import { DEFAULT_GITHUB_PROXY_ALLOW, parseAllowPatterns } from './github-proxy-allow.ts';
import { isLoopbackUrl } from './github-urls.ts';

/** Org and team membership can only be read with one of these. */
const ORG_SCOPES = /^(read:org|write:org|admin:org)$/;

/** The Config a valid input gives: defaults applied, derived values worked out. */
export function deriveConfig(input: ConfigInput): Config {
  const { env, production, port, publicUrl, githubUrl, apiUrl, secrets, store, allowed, upstreams } = input;
  const scopes = (env.GITHUB_SCOPES ?? DEFAULTS.githubScopes).split(/[\s,]+/).filter(Boolean);
  const fetchMemberships = upstreams.some((u) => u.access.orgs.length + u.access.teams.length > 0);
  const readsMemberships = fetchMemberships || allowed.orgs.length + allowed.teams.length > 0;
  if (readsMemberships && !scopes.some((s) => ORG_SCOPES.test(s))) {
    scopes.push('read:org');
  }
  const secureCookie = publicUrl.startsWith('https:');
  const seconds = (value: number) => value * 1000;
  return {
    production,
    port,
    publicUrl,
    redirectUri: `${publicUrl}/auth/callback`,
    github: {
      clientId: env.GITHUB_CLIENT_ID ?? '',
      clientSecret: env.GITHUB_CLIENT_SECRET ?? '',
      url: githubUrl,
      apiUrl,
      scopes,
      timeoutMs: env.GITHUB_TIMEOUT_MS ?? DEFAULTS.githubTimeoutMs,
      demo: isLoopbackUrl(githubUrl),
      allowed,
      recheckIntervalMs: seconds(env.GITHUB_RECHECK_INTERVAL_SECONDS ?? DEFAULTS.githubRecheckIntervalSeconds),
      proxyAllow: parseAllowPatterns(env.GITHUB_PROXY_ALLOW ?? DEFAULT_GITHUB_PROXY_ALLOW).patterns,
      fetchMemberships,
      webhookSecret: env.GITHUB_WEBHOOK_SECRET ?? null,
    },
    session: {
      secrets,
      store,
      dbPath: env.SESSION_DB_PATH ?? DEFAULTS.sessionDbPath,
      redisUrl: env.REDIS_URL ?? '',
      redisKeyPrefix: env.REDIS_KEY_PREFIX ?? DEFAULTS.redisKeyPrefix,
      redis: deriveRedis(input),
      // Security: the __Host- prefix makes the browser refuse the cookie unless it is
      // Secure, Path=/ and has no Domain, so no subdomain can plant or read it.
      cookieName: secureCookie ? '__Host-sid' : 'sid',
      loginCookieName: secureCookie ? '__Host-sign-in' : 'sign-in',
      secureCookie,
      idleTimeoutMs: seconds(env.SESSION_IDLE_TIMEOUT_SECONDS ?? DEFAULTS.sessionIdleTimeoutSeconds),
      absoluteTimeoutMs: seconds(env.SESSION_ABSOLUTE_TIMEOUT_SECONDS ?? DEFAULTS.sessionAbsoluteTimeoutSeconds),
    },
    signInRateLimit: {
      limit: env.SIGN_IN_RATE_LIMIT ?? DEFAULTS.signInRateLimit,
      windowMs: DEFAULTS.signInRateWindowMs,
    },
    http: {
      trustProxy: env.TRUST_PROXY ?? DEFAULTS.trustProxy,
      trustProxyHops: env.TRUST_PROXY_HOPS ?? DEFAULTS.trustProxyHops,
      requestTimeoutMs: seconds(env.HTTP_REQUEST_TIMEOUT_SECONDS ?? DEFAULTS.httpRequestTimeoutSeconds),
      headersTimeoutMs: seconds(env.HTTP_HEADERS_TIMEOUT_SECONDS ?? DEFAULTS.httpHeadersTimeoutSeconds),
      keepAliveTimeoutMs: seconds(env.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS ?? DEFAULTS.httpKeepAliveTimeoutSeconds),
    },
    log: {
      level: env.LOG_LEVEL ?? DEFAULTS.logLevel,
      pretty: (env.LOG_FORMAT ?? DEFAULTS.logFormat) === 'pretty',
      auditFile: env.AUDIT_LOG_FILE ?? null,
    },
    metrics:
      env.METRICS_PORT === undefined
        ? null
        : { port: env.METRICS_PORT, host: env.METRICS_HOST ?? DEFAULTS.metricsHost },
    webDistDir: env.WEB_DIST_DIR ?? (production ? DEFAULT_WEB_DIST_DIR : null),
    upstreams,
    identity: {
      signingKeys: input.identityKeys,
      tokenTtlSeconds: env.IDENTITY_TOKEN_TTL_SECONDS ?? DEFAULTS.identityTokenTtlSeconds,
    },
  };
}

function deriveRedis({ env, redisTlsCa }: ConfigInput): RedisConfig {
  const topology: RedisTopology = env.REDIS_CLUSTER_NODES
    ? { kind: 'cluster', nodes: env.REDIS_CLUSTER_NODES }
    : env.REDIS_SENTINELS
      ? {
          kind: 'sentinel',
          sentinels: env.REDIS_SENTINELS,
          name: env.REDIS_SENTINEL_NAME ?? '',
          sentinelPassword: env.REDIS_SENTINEL_PASSWORD ?? null,
        }
      : { kind: 'single', url: env.REDIS_URL ?? '' };
  return {
    topology,
    tlsCa: redisTlsCa,
    // A cluster and a Sentinel group have replicas by design: a session is answered only once one holds it.
    waitReplicas: env.REDIS_WAIT_REPLICAS ?? (topology.kind === 'single' ? 0 : 1),
    waitTimeoutMs: env.REDIS_WAIT_TIMEOUT_MS ?? DEFAULTS.redisWaitTimeoutMs,
    commandTimeoutMs: DEFAULTS.redisCommandTimeoutMs,
  };
}
