import { readFileSync } from 'node:fs';
import type { AccessPolicy } from './config.ts';
import { DEFAULTS } from './defaults.ts';
import type { EnvName, ParsedEnv } from './env-schema.ts';
import { deriveApiUrl } from './github-urls.ts';
import { splitPemKeys } from './identity-keys.ts';
import { parseUpstreams, type UpstreamConfig } from './upstreams.ts';

/**
 * The parsed environment with defaults filled in: what the validators judge and the derivation
 * turns into a Config. `invalid` names the variables that did not parse (their problem is
 * already reported), so a validator can stay quiet about them instead of reporting a second,
 * misleading problem ("missing") for the same variable.
 */
export interface ConfigInput {
  readonly env: ParsedEnv;
  readonly invalid: ReadonlySet<EnvName>;
  readonly production: boolean;
  readonly port: number;
  readonly publicUrl: string;
  readonly githubUrl: string;
  readonly apiUrl: string;
  readonly secrets: readonly string[];
  readonly store: 'sqlite' | 'redis';
  readonly allowed: AccessPolicy;
  /** `GITHUB_ALLOWED_TEAMS` entries that are not `org/team-slug`. */
  readonly malformedTeams: readonly string[];
  readonly upstreams: readonly UpstreamConfig[];
  /** Problems of API_UPSTREAMS, found while parsing it. */
  readonly upstreamProblems: readonly string[];
  /** PEM blocks of IDENTITY_SIGNING_KEYS (or its file, or the development key). */
  readonly identityKeys: readonly string[];
  readonly identityKeyProblems: readonly string[];
  /** REDIS_TLS_CA_FILE's PEM, read here so that an unreadable file is a startup problem. */
  readonly redisTlsCa: string | null;
  readonly redisTlsCaProblems: readonly string[];
}

export interface ConfigInputOptions {
  /** Outside production, when upstreams need a key and none is given: the development key. */
  readonly devIdentityKey?: (path: string) => string;
}

export function readConfigInput(
  env: ParsedEnv,
  invalid: ReadonlySet<EnvName>,
  options: ConfigInputOptions = {},
): ConfigInput {
  const port = env.PORT ?? DEFAULTS.port;
  const production = env.NODE_ENV === 'production';
  const { upstreams, problems: upstreamProblems } = parseUpstreams(
    env.API_UPSTREAMS,
    env.API_UPSTREAMS_FILE,
    production,
  );
  const { keys: identityKeys, problems: identityKeyProblems } = readIdentityKeys(env, production, upstreams, options);
  const { ca: redisTlsCa, problems: redisTlsCaProblems } = readCaFile(env.REDIS_TLS_CA_FILE);
  const githubUrl = env.GITHUB_URL ?? DEFAULTS.githubUrl;
  const teams = list(env.GITHUB_ALLOWED_TEAMS).map((team) => ({ team, parts: team.split('/') }));
  return {
    env,
    invalid,
    production,
    port,
    publicUrl: env.PUBLIC_URL ?? DEFAULTS.publicUrl(port),
    githubUrl,
    apiUrl: env.GITHUB_API_URL ?? deriveApiUrl(githubUrl),
    secrets: (env.SESSION_SECRET ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    store: env.SESSION_STORE ?? DEFAULTS.sessionStore,
    allowed: {
      orgs: list(env.GITHUB_ALLOWED_ORGS),
      teams: teams.filter(({ parts }) => isTeam(parts)).map(({ parts: [org = '', slug = ''] }) => ({ org, slug })),
      users: list(env.GITHUB_ALLOWED_USERS),
    },
    malformedTeams: teams.filter(({ parts }) => !isTeam(parts)).map(({ team }) => team),
    upstreams,
    upstreamProblems,
    identityKeys,
    identityKeyProblems,
    redisTlsCa,
    redisTlsCaProblems,
  };
}

function readCaFile(path: string | undefined): { ca: string | null; problems: string[] } {
  if (path === undefined) return { ca: null, problems: [] };
  try {
    const ca = readFileSync(path, 'utf8');
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
      return { ca: null, problems: [`REDIS_TLS_CA_FILE (${path}) holds no PEM certificate`] };
    }
    return { ca, problems: [] };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ca: null, problems: [`REDIS_TLS_CA_FILE cannot be read: ${reason}`] };
  }
}

function readIdentityKeys(
  env: ParsedEnv,
  production: boolean,
  upstreams: readonly UpstreamConfig[],
  { devIdentityKey }: ConfigInputOptions,
): { keys: string[]; problems: string[] } {
  if (env.IDENTITY_SIGNING_KEYS !== undefined && env.IDENTITY_SIGNING_KEYS_FILE !== undefined) {
    return { keys: [], problems: ['IDENTITY_SIGNING_KEYS and IDENTITY_SIGNING_KEYS_FILE are both set: use one'] };
  }
  if (env.IDENTITY_SIGNING_KEYS_FILE !== undefined) {
    try {
      return { keys: splitPemKeys(readFileSync(env.IDENTITY_SIGNING_KEYS_FILE, 'utf8')), problems: [] };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return { keys: [], problems: [`IDENTITY_SIGNING_KEYS_FILE cannot be read: ${reason}`] };
    }
  }
  if (env.IDENTITY_SIGNING_KEYS !== undefined) return { keys: splitPemKeys(env.IDENTITY_SIGNING_KEYS), problems: [] };
  const needed = upstreams.some((u) => !u.anonymous);
  if (!needed || production || !devIdentityKey) return { keys: [], problems: [] };
  return {
    keys: [devIdentityKey(DEFAULTS.devIdentityKeyFile(env.SESSION_DB_PATH ?? DEFAULTS.sessionDbPath))],
    problems: [],
  };
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((s) => s.toLowerCase())
    .filter(Boolean);
}

function isTeam(parts: readonly string[]): boolean {
  return parts.length === 2 && parts.every(Boolean);
}
