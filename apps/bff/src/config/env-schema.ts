import { z } from 'zod';
import type { Env } from './config.ts';

const optional = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s === '' ? undefined : s));

const httpUrl = (name: string) =>
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

const oneOf = <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
  optional.pipe(z.enum(values, { message: `${name} must be one of ${values.join(', ')}` }).optional());

const boolean = (name: string) =>
  oneOf(name, ['true', 'false', '1', '0']).transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

/** `host:port, host:port`: the seed nodes of a cluster, or the sentinels. */
const hostPortList = (name: string) =>
  optional.pipe(
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z
              .string()
              .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, {
                message: `${name} entries must be host:port, for example redis-1:6379`,
                abort: true,
              })
              .refine((entry) => Number(entry.slice(entry.lastIndexOf(':') + 1)) <= 65535, {
                message: `${name} has a port above 65535`,
              })
              .transform((entry) => {
                const colon = entry.lastIndexOf(':');
                return { host: entry.slice(0, colon), port: Number(entry.slice(colon + 1)) };
              }),
          )
          .min(1, { message: `${name} names no host:port` }),
      )
      .optional(),
  );

/** Each variable's own shape. Cross-field rules live in the validators (validate-*.ts). */
export const VARIABLES = {
  NODE_ENV: optional,
  PORT: integer('PORT', 0, 65535),
  PUBLIC_URL: httpUrl('PUBLIC_URL'),
  GITHUB_CLIENT_ID: optional,
  GITHUB_CLIENT_SECRET: optional,
  GITHUB_URL: httpUrl('GITHUB_URL'),
  GITHUB_API_URL: httpUrl('GITHUB_API_URL'),
  GITHUB_SCOPES: optional,
  GITHUB_TIMEOUT_MS: integer('GITHUB_TIMEOUT_MS', 100, 120_000),
  GITHUB_ALLOWED_ORGS: optional,
  GITHUB_ALLOWED_TEAMS: optional,
  GITHUB_ALLOWED_USERS: optional,
  GITHUB_RECHECK_INTERVAL_SECONDS: integer('GITHUB_RECHECK_INTERVAL_SECONDS', 10, 86_400),
  GITHUB_PROXY_ALLOW: optional,
  GITHUB_WEBHOOK_SECRET: optional,
  SESSION_SECRET: optional,
  SESSION_DB_PATH: optional,
  SESSION_STORE: oneOf('SESSION_STORE', ['sqlite', 'redis']),
  REDIS_URL: optional.pipe(
    z
      .string()
      .refine((s) => URL.canParse(s) && /^rediss?:$/.test(new URL(s).protocol), {
        message: 'REDIS_URL must be a redis:// or rediss:// URL, for example redis://localhost:6379',
      })
      .optional(),
  ),
  REDIS_KEY_PREFIX: optional,
  REDIS_CLUSTER_NODES: hostPortList('REDIS_CLUSTER_NODES'),
  REDIS_SENTINELS: hostPortList('REDIS_SENTINELS'),
  REDIS_SENTINEL_NAME: optional,
  REDIS_SENTINEL_PASSWORD: optional,
  REDIS_TLS_CA_FILE: optional,
  REDIS_WAIT_REPLICAS: integer('REDIS_WAIT_REPLICAS', 0, 10),
  REDIS_WAIT_TIMEOUT_MS: integer('REDIS_WAIT_TIMEOUT_MS', 10, 900),
  SESSION_IDLE_TIMEOUT_SECONDS: integer('SESSION_IDLE_TIMEOUT_SECONDS', 60, 366 * 86_400),
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: integer('SESSION_ABSOLUTE_TIMEOUT_SECONDS', 60, 366 * 86_400),
  LOG_LEVEL: oneOf('LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
  LOG_FORMAT: oneOf('LOG_FORMAT', ['json', 'pretty']),
  SIGN_IN_RATE_LIMIT: integer('SIGN_IN_RATE_LIMIT', 1, 1_000_000),
  TRUST_PROXY: boolean('TRUST_PROXY'),
  TRUST_PROXY_HOPS: integer('TRUST_PROXY_HOPS', 1, 10),
  HTTP_REQUEST_TIMEOUT_SECONDS: integer('HTTP_REQUEST_TIMEOUT_SECONDS', 1, 3600),
  HTTP_HEADERS_TIMEOUT_SECONDS: integer('HTTP_HEADERS_TIMEOUT_SECONDS', 1, 600),
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: integer('HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', 1, 600),
  WEB_DIST_DIR: optional,
  API_UPSTREAMS: optional,
  API_UPSTREAMS_FILE: optional,
  IDENTITY_SIGNING_KEYS: optional,
  IDENTITY_SIGNING_KEYS_FILE: optional,
  IDENTITY_TOKEN_TTL_SECONDS: integer('IDENTITY_TOKEN_TTL_SECONDS', 10, 300),
  METRICS_PORT: integer('METRICS_PORT', 0, 65535),
  METRICS_HOST: optional,
  AUDIT_LOG_FILE: optional,
} as const;

export type EnvName = keyof typeof VARIABLES;
export type ParsedEnv = { readonly [K in EnvName]: z.output<(typeof VARIABLES)[K]> };

/**
 * Each variable parsed on its own, so one bad value never hides another: `values` has every
 * variable that parsed (undefined when unset), `invalid` names those that did not, and
 * `problems` says why, one line each.
 */
export function parseEnv(env: Env): { values: ParsedEnv; invalid: ReadonlySet<EnvName>; problems: string[] } {
  const values: Record<string, unknown> = {};
  const invalid = new Set<EnvName>();
  const problems: string[] = [];
  for (const name of Object.keys(VARIABLES) as EnvName[]) {
    const parsed = VARIABLES[name].safeParse(env[name]);
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      invalid.add(name);
      problems.push(...parsed.error.issues.map((issue) => `${name}: ${issue.message}`));
    }
  }
  return { values: values as ParsedEnv, invalid, problems };
}
