import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_JWKS_URL, DEV_ISSUER, readConfig } from './config.ts';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('readConfig', () => {
  it('has defaults that fit `npm run dev`', () => {
    expect(readConfig({})).toEqual({
      port: 4000,
      host: 'localhost',
      jwksUrl: DEFAULT_JWKS_URL,
      issuer: DEV_ISSUER,
      audience: 'notes-api',
      dbPath: 'data/notes.db',
    });
    expect(DEFAULT_JWKS_URL).toBe('http://localhost:3000/.well-known/jwks.json');
    expect(DEV_ISSUER).toBe('http://localhost:5173');
  });

  it('reads every variable, dropping a trailing slash from the issuer', () => {
    expect(
      readConfig({
        NOTES_API_PORT: '4100',
        NOTES_API_HOST: '0.0.0.0',
        NOTES_API_JWKS_URL: 'https://bff.example/.well-known/jwks.json',
        NOTES_API_ISSUER: 'https://app.example/',
        NOTES_API_AUDIENCE: 'notes',
        NOTES_API_DB_PATH: '/var/lib/notes/notes.db',
        NODE_ENV: 'production',
      }),
    ).toEqual({
      port: 4100,
      host: '0.0.0.0',
      jwksUrl: 'https://bff.example/.well-known/jwks.json',
      issuer: 'https://app.example',
      audience: 'notes',
      dbPath: '/var/lib/notes/notes.db',
    });
  });

  it('names every problem at once', () => {
    const problems = problemsOf({ NOTES_API_PORT: '70000', NOTES_API_JWKS_URL: 'ftp://x', NOTES_API_ISSUER: 'nope' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^NOTES_API_PORT .*"70000"/);
    expect(problems[1]).toMatch(/^NOTES_API_JWKS_URL .*"ftp:\/\/x"/);
    expect(problems[2]).toMatch(/^NOTES_API_ISSUER .*"nope"/);
    expect(problemsOf({ NOTES_API_PORT: '12ab' })).toEqual([expect.stringMatching(/^NOTES_API_PORT/)]);
  });

  it('requires NOTES_API_ISSUER in production, where the dev default cannot be right', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^NOTES_API_ISSUER is required/)]);
  });
});
