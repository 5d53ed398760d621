import type { AccessPolicy } from './config.ts';
import { DEFAULTS } from './defaults.ts';
import type { EnvName, ParsedEnv } from './env-schema.ts';
import { deriveApiUrl } from './github-urls.ts';

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
}

export function readConfigInput(env: ParsedEnv, invalid: ReadonlySet<EnvName>): ConfigInput {
  const port = env.PORT ?? DEFAULTS.port;
  const githubUrl = env.GITHUB_URL ?? DEFAULTS.githubUrl;
  const teams = list(env.GITHUB_ALLOWED_TEAMS).map((team) => ({ team, parts: team.split('/') }));
  return {
    env,
    invalid,
    production: env.NODE_ENV === 'production',
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
