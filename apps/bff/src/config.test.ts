import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Env } from './config.ts';

const SECRET = 'x'.repeat(40);
const valid: Env = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://app.example.com/',
  GITHUB_CLIENT_ID: 'Iv1.abc',
  GITHUB_CLIENT_SECRET: 'shh',
  SESSION_SECRET: SECRET,
};

function problemsOf(env: Env): readonly string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills in defaults and derives the redirect URI and cookie', () => {
    const config = loadConfig(valid);
    expect(config.publicUrl).toBe('https://app.example.com');
    expect(config.redirectUri).toBe('https://app.example.com/auth/callback');
    expect(config.port).toBe(3000);
    expect(config.github.url).toBe('https://github.com');
    expect(config.github.apiUrl).toBe('https://api.github.com');
    expect(config.github.scopes).toEqual(['read:user', 'user:email']);
    expect(config.github.timeoutMs).toBe(5000);
    expect(config.github.demo).toBe(false);
    expect(config.session.cookieName).toBe('__Host-sid');
    expect(config.session.secureCookie).toBe(true);
    expect(config.session.dbPath).toBe('data/sessions.db');
    expect(Object.isFrozen(config.github)).toBe(true);
  });

  it('splits SESSION_SECRET into rotation keys, first one first', () => {
    const config = loadConfig({ ...valid, SESSION_SECRET: `${'a'.repeat(32)}, ${'b'.repeat(32)}` });
    expect(config.session.secrets).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
  });

  it('uses a plain cookie name over http', () => {
    const config = loadConfig({ ...valid, PUBLIC_URL: 'http://localhost:3000' });
    expect(config.session.cookieName).toBe('sid');
    expect(config.session.secureCookie).toBe(false);
  });

  it('reads scopes separated by spaces or commas', () => {
    expect(loadConfig({ ...valid, GITHUB_SCOPES: 'read:user, user:email read:org' }).github.scopes).toEqual([
      'read:user',
      'user:email',
      'read:org',
    ]);
  });

  it('derives the API URL of GitHub Enterprise Server, and lets GITHUB_API_URL override it', () => {
    expect(loadConfig({ ...valid, GITHUB_URL: 'https://ghe.example.com' }).github.apiUrl).toBe(
      'https://ghe.example.com/api/v3',
    );
    expect(
      loadConfig({ ...valid, GITHUB_URL: 'https://ghe.example.com', GITHUB_API_URL: 'https://api.example.com' }).github
        .apiUrl,
    ).toBe('https://api.example.com');
  });

  it('names every problem at once, each with how to fix it', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'eighty', GITHUB_URL: 'ftp://x' });
    expect(problems.join('\n')).toMatch(/PORT.*whole number/);
    expect(problems.join('\n')).toMatch(/GITHUB_URL.*http\(s\) URL/);
  });

  it('in production, reports missing URL, credentials and secret together', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/PUBLIC_URL is missing/);
    expect(problems[1]).toMatch(/GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET.*callback URL/);
    expect(problems[2]).toMatch(/SESSION_SECRET is missing.*openssl/);
  });

  it('refuses a weak secret, naming which key', () => {
    const problems = problemsOf({ ...valid, SESSION_SECRET: `${SECRET},changeme` });
    expect(problems).toEqual([expect.stringMatching(/SESSION_SECRET key 2 is too weak/)]);
  });

  it('refuses http outside loopback in production, and allows it on localhost', () => {
    const problems = problemsOf({ ...valid, PUBLIC_URL: 'http://app.example.com', GITHUB_URL: 'http://ghe.local' });
    expect(problems).toEqual([
      expect.stringMatching(/PUBLIC_URL must use https/),
      expect.stringMatching(/GITHUB_URL must use https/),
      expect.stringMatching(/GITHUB_API_URL must use https/),
    ]);
    const local = loadConfig({ ...valid, PUBLIC_URL: 'http://localhost:3000', GITHUB_URL: 'http://127.0.0.1:3001' });
    expect(local.github.demo).toBe(true);
    expect(local.github.apiUrl).toBe('http://127.0.0.1:3001/api/v3');
  });

  it('rejects a timeout that is not a number of milliseconds in range', () => {
    expect(problemsOf({ ...valid, GITHUB_TIMEOUT_MS: '5s' })).toEqual([expect.stringMatching(/GITHUB_TIMEOUT_MS/)]);
    expect(problemsOf({ ...valid, GITHUB_TIMEOUT_MS: '10' })).toEqual([
      expect.stringMatching(/GITHUB_TIMEOUT_MS must be at least 100/),
    ]);
  });
});
