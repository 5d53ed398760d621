import { ConfigError } from '../errors/index.ts';
import type { Config, Env } from './config.ts';
import { readConfigInput } from './config-input.ts';
import { DEFAULTS } from './defaults.ts';
import { deriveConfig } from './derive-config.ts';
import { parseEnv } from './env-schema.ts';
import { validateGitHub } from './validate-github.ts';
import { validateHttp } from './validate-http.ts';
import { validateRedis } from './validate-redis.ts';
import { validateSession } from './validate-session.ts';
import { validateUpstreams } from './validate-upstreams.ts';
import { validateUrls } from './validate-urls.ts';

const VALIDATORS = [validateUrls, validateGitHub, validateSession, validateRedis, validateHttp, validateUpstreams];

export interface LoadConfigOptions {
  /**
   * Outside production, where SESSION_SECRET is not set: reads (or makes) the development secret
   * kept at `path`. Without it, a missing secret is a problem like any other.
   */
  readonly devSecret?: (path: string) => string;
  /** The same for the identity-signing key, when upstreams need one and none is set. */
  readonly devIdentityKey?: (path: string) => string;
}

/**
 * Parses and validates the environment: every variable's own problems and every cross-field
 * problem, all at once, in one ConfigError. The Config it returns is frozen.
 */
export function loadConfig(env: Env, options: LoadConfigOptions = {}): Config {
  const withSecret = { ...env, SESSION_SECRET: env.SESSION_SECRET || devSecretFor(env, options) };
  const { values, invalid, problems } = parseEnv(withSecret);
  const input = readConfigInput(
    values,
    invalid,
    options.devIdentityKey ? { devIdentityKey: options.devIdentityKey } : {},
  );
  for (const validate of VALIDATORS) problems.push(...validate(input));
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(deriveConfig(input));
}

function devSecretFor(env: Env, { devSecret }: LoadConfigOptions): string | undefined {
  if (env.NODE_ENV === 'production' || !devSecret) return undefined;
  return devSecret(DEFAULTS.devSecretFile(env.SESSION_DB_PATH?.trim() || DEFAULTS.sessionDbPath));
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) {
    if (v && typeof v === 'object') deepFreeze(v as object);
  }
  return Object.freeze(value);
}
