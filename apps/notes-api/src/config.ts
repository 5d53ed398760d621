import { DEFAULT_AUDIENCE } from './app.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly jwksUrl: string;
  readonly issuer: string;
  readonly audience: string;
  readonly dbPath: string;
}

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`notes-api: configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** `npm run dev` serves the SPA, and so the BFF's PUBLIC_URL, on Vite's port. */
export const DEV_ISSUER = 'http://localhost:5173';
export const DEFAULT_JWKS_URL = 'http://localhost:3000/.well-known/jwks.json';

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function httpUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Reads every setting and reports every problem at once, each naming its variable. */
export function readConfig(env: Env): Config {
  const problems: string[] = [];

  const rawPort = value(env, 'NOTES_API_PORT') ?? '4000';
  const port = Number(rawPort);
  if (!/^[0-9]+$/.test(rawPort) || port > 65535) {
    problems.push(`NOTES_API_PORT must be a port number (0-65535), got "${rawPort}"`);
  }

  const jwksUrl = value(env, 'NOTES_API_JWKS_URL') ?? DEFAULT_JWKS_URL;
  if (!httpUrl(jwksUrl)) problems.push(`NOTES_API_JWKS_URL must be an http(s) URL, got "${jwksUrl}"`);

  // The dev default would accept nothing in production (no BFF issues it), so say so instead.
  const rawIssuer = value(env, 'NOTES_API_ISSUER');
  if (rawIssuer === undefined && env['NODE_ENV'] === 'production') {
    problems.push("NOTES_API_ISSUER is required in production: the BFF's PUBLIC_URL, e.g. https://app.example.com");
  }
  // The BFF's PUBLIC_URL has no trailing slash, and jose compares `iss` exactly.
  const issuer = (rawIssuer ?? DEV_ISSUER).replace(/\/+$/, '');
  if (!httpUrl(issuer))
    problems.push(`NOTES_API_ISSUER must be an http(s) URL (the BFF's PUBLIC_URL), got "${issuer}"`);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: value(env, 'NOTES_API_HOST') ?? 'localhost',
    jwksUrl,
    issuer,
    audience: value(env, 'NOTES_API_AUDIENCE') ?? DEFAULT_AUDIENCE,
    dbPath: value(env, 'NOTES_API_DB_PATH') ?? 'data/notes.db',
  };
}
