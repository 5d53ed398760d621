import { z } from 'zod';
import { DEFAULT_GITHUB_PROXY_ALLOW, parseAllowPatterns } from './api/github-proxy-paths.ts';
import { deriveApiUrl, isLoopbackUrl } from './github/github-urls.ts';

/**
 * The whole configuration, parsed once from the environment at startup and frozen.
 * Every problem is collected and reported together, each with how to fix it.
 */
export interface Config {
  readonly production: boolean;
  readonly port: number;
  /** The origin the browser sees, without a trailing slash. */
  readonly publicUrl: string;
  /** Exactly `${publicUrl}/auth/callback`: one constant, never derived from request headers. */
  readonly redirectUri: string;
  readonly github: {
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
  };
  readonly session: {
    /** Signing keys: the first signs, all verify (rotation). */
    readonly secrets: readonly string[];
    /** `sqlite` (embedded, one process) or `redis` (shared by several instances). */
    readonly store: 'sqlite' | 'redis';
    readonly dbPath: string;
    readonly redisUrl: string;
    readonly redisKeyPrefix: string;
    readonly cookieName: string;
    readonly secureCookie: boolean;
    readonly idleTimeoutMs: number;
    readonly absoluteTimeoutMs: number;
  };
  /** Sign-in attempts (`/auth/login` + `/auth/callback`) allowed per client address per window. */
  readonly signInRateLimit: { readonly limit: number; readonly windowMs: number };
  readonly log: { readonly level: string; readonly pretty: boolean };
  /** Trust `X-Forwarded-*` (only behind a TLS-terminating proxy you run). */
  readonly trustProxy: boolean;
  /** Built SPA to serve from the same origin, or null when Vite serves it (development). */
  readonly webDistDir: string | null;
}

export interface AccessPolicy {
  readonly orgs: readonly string[];
  /** `org/team-slug` */
  readonly teams: readonly { readonly org: string; readonly slug: string }[];
  readonly users: readonly string[];
}

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

const MIN_SECRET_LENGTH = 32;
/** A day without a request ends a session; a week ends it whatever happens. */
const DEFAULT_IDLE_SECONDS = 24 * 3600;
const DEFAULT_ABSOLUTE_SECONDS = 7 * 24 * 3600;
const WEAK_SECRETS = new Set(['secret', 'changeme', 'change-me', 'password', 'keyboard cat']);

const optional = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s === '' ? undefined : s));

const url = (name: string) =>
  optional.pipe(
    z
      .string()
      .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), {
        message: `${name} must be an absolute http(s) URL, for example https://app.example.com`,
      })
      .transform((s) => s.replace(/\/+$/, ''))
      .optional(),
  );

const integer = (name: string, min: number, max: number) =>
  optional.pipe(
    z
      .string()
      .regex(/^\d+$/, { message: `${name} must be a whole number` })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, { message: `${name} must be at least ${min}` })
          .max(max, { message: `${name} must be at most ${max}` }),
      )
      .optional(),
  );

const EnvSchema = z.object({
  NODE_ENV: optional,
  PORT: integer('PORT', 0, 65535),
  PUBLIC_URL: url('PUBLIC_URL'),
  GITHUB_CLIENT_ID: optional,
  GITHUB_CLIENT_SECRET: optional,
  GITHUB_URL: url('GITHUB_URL'),
  GITHUB_API_URL: url('GITHUB_API_URL'),
  GITHUB_SCOPES: optional,
  GITHUB_TIMEOUT_MS: integer('GITHUB_TIMEOUT_MS', 100, 120_000),
  GITHUB_ALLOWED_ORGS: optional,
  GITHUB_ALLOWED_TEAMS: optional,
  GITHUB_ALLOWED_USERS: optional,
  GITHUB_RECHECK_INTERVAL_SECONDS: integer('GITHUB_RECHECK_INTERVAL_SECONDS', 10, 86_400),
  GITHUB_PROXY_ALLOW: optional,
  SESSION_SECRET: optional,
  SESSION_DB_PATH: optional,
  SESSION_STORE: optional.pipe(
    z.enum(['sqlite', 'redis'], { message: 'SESSION_STORE must be "sqlite" or "redis"' }).optional(),
  ),
  REDIS_URL: optional.pipe(
    z
      .string()
      .refine((s) => URL.canParse(s) && /^rediss?:$/.test(new URL(s).protocol), {
        message: 'REDIS_URL must be a redis:// or rediss:// URL, for example redis://localhost:6379',
      })
      .optional(),
  ),
  REDIS_KEY_PREFIX: optional,
  SESSION_IDLE_TIMEOUT_SECONDS: integer('SESSION_IDLE_TIMEOUT_SECONDS', 60, 366 * 86_400),
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: integer('SESSION_ABSOLUTE_TIMEOUT_SECONDS', 60, 366 * 86_400),
  LOG_LEVEL: optional.pipe(
    z
      .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], {
        message: 'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent',
      })
      .optional(),
  ),
  LOG_FORMAT: optional.pipe(
    z.enum(['json', 'pretty'], { message: 'LOG_FORMAT must be "json" or "pretty"' }).optional(),
  ),
  SIGN_IN_RATE_LIMIT: integer('SIGN_IN_RATE_LIMIT', 1, 1_000_000),
  TRUST_PROXY: optional.pipe(z.enum(['true', 'false', '1', '0']).optional()),
  WEB_DIST_DIR: optional,
});

/** Parses and validates the environment. Throws one ConfigError naming every problem. */
export function loadConfig(env: Env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  const port = e.PORT ?? 3000;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${port}`;
  const githubUrl = e.GITHUB_URL ?? 'https://github.com';
  const apiUrl = e.GITHUB_API_URL ?? deriveApiUrl(githubUrl);

  if (production && !e.PUBLIC_URL) {
    problems.push('PUBLIC_URL is missing: set it to the origin users open, e.g. https://app.example.com');
  }
  if (!e.GITHUB_CLIENT_ID || !e.GITHUB_CLIENT_SECRET) {
    problems.push(
      'GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are required: register an OAuth app at ' +
        `${githubUrl}/settings/applications/new with the callback URL ${publicUrl}/auth/callback ` +
        '(or run `npm run dev` without them to use the local GitHub stand-in)',
    );
  }
  if (production) {
    for (const [name, value] of [
      ['PUBLIC_URL', publicUrl],
      ['GITHUB_URL', githubUrl],
      ['GITHUB_API_URL', apiUrl],
    ] as const) {
      if (value.startsWith('http:') && !isLoopbackUrl(value)) {
        problems.push(`${name} must use https in production (http is allowed only for localhost): ${value}`);
      }
    }
  }
  const secrets = (e.SESSION_SECRET ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (secrets.length === 0) {
    problems.push(
      'SESSION_SECRET is missing: set one or more comma-separated random keys, e.g. `openssl rand -base64 48`',
    );
  }
  secrets.forEach((secret, i) => {
    if (secret.length < MIN_SECRET_LENGTH || WEAK_SECRETS.has(secret.toLowerCase())) {
      problems.push(
        `SESSION_SECRET key ${i + 1} is too weak: use at least ${MIN_SECRET_LENGTH} random characters (openssl rand -base64 48)`,
      );
    }
  });
  const store = e.SESSION_STORE ?? 'sqlite';
  if (store === 'redis' && !e.REDIS_URL) {
    problems.push('REDIS_URL is missing: SESSION_STORE=redis needs it, e.g. redis://localhost:6379');
  }
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(/[\s,]+/)
      .map((s) => s.toLowerCase())
      .filter(Boolean);
  const teams = list(e.GITHUB_ALLOWED_TEAMS).map((team) => {
    const [org = '', slug = '', ...rest] = team.split('/');
    if (!org || !slug || rest.length > 0) {
      problems.push(`GITHUB_ALLOWED_TEAMS: "${team}" is not org/team-slug (e.g. acme/core)`);
    }
    return { org, slug };
  });
  const allowed = { orgs: list(e.GITHUB_ALLOWED_ORGS), teams, users: list(e.GITHUB_ALLOWED_USERS) };
  const scopes = (e.GITHUB_SCOPES ?? 'read:user user:email').split(/[\s,]+/).filter(Boolean);
  // Org and team membership can only be read with read:org.
  if (
    (allowed.orgs.length > 0 || teams.length > 0) &&
    !scopes.some((s) => /^(read:org|write:org|admin:org)$/.test(s))
  ) {
    scopes.push('read:org');
  }
  const proxyAllow = parseAllowPatterns(e.GITHUB_PROXY_ALLOW ?? DEFAULT_GITHUB_PROXY_ALLOW);
  problems.push(...proxyAllow.problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const secureCookie = publicUrl.startsWith('https:');
  return deepFreeze({
    production,
    port,
    publicUrl,
    redirectUri: `${publicUrl}/auth/callback`,
    github: {
      clientId: e.GITHUB_CLIENT_ID ?? '',
      clientSecret: e.GITHUB_CLIENT_SECRET ?? '',
      url: githubUrl,
      apiUrl,
      scopes,
      timeoutMs: e.GITHUB_TIMEOUT_MS ?? 5000,
      demo: isLoopbackUrl(githubUrl),
      allowed,
      recheckIntervalMs: (e.GITHUB_RECHECK_INTERVAL_SECONDS ?? 600) * 1000,
      proxyAllow: proxyAllow.patterns,
    },
    session: {
      secrets,
      store,
      dbPath: e.SESSION_DB_PATH ?? 'data/sessions.db',
      redisUrl: e.REDIS_URL ?? '',
      redisKeyPrefix: e.REDIS_KEY_PREFIX ?? 'github-bff:',
      // Security: the __Host- prefix makes the browser refuse the cookie unless it is
      // Secure, Path=/ and has no Domain, so no subdomain can plant or read it.
      cookieName: secureCookie ? '__Host-sid' : 'sid',
      secureCookie,
      idleTimeoutMs: (e.SESSION_IDLE_TIMEOUT_SECONDS ?? DEFAULT_IDLE_SECONDS) * 1000,
      absoluteTimeoutMs: (e.SESSION_ABSOLUTE_TIMEOUT_SECONDS ?? DEFAULT_ABSOLUTE_SECONDS) * 1000,
    },
    // A sign-in is two requests (login and callback): 60 a minute is 30 sign-ins per address.
    signInRateLimit: { limit: e.SIGN_IN_RATE_LIMIT ?? 60, windowMs: 60_000 },
    log: { level: e.LOG_LEVEL ?? 'info', pretty: e.LOG_FORMAT === 'pretty' },
    trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
    webDistDir: e.WEB_DIST_DIR ?? null,
  });
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) {
    if (v && typeof v === 'object') deepFreeze(v as object);
  }
  return Object.freeze(value);
}
