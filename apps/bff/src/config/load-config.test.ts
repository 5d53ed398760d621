import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import type { Env } from './config.ts';
import { loadConfig } from './load-config.ts';

const SECRET = 'mH3v9Qx2Lk7Zr4Tb8Wn1Yc6Pd5Sf0JgE';
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
    const other = 'Zp8Kq2Wm5Rt9Xv3Bn7Lc1Hd4Gf6Js0Ya';
    const config = loadConfig({ ...valid, SESSION_SECRET: `${SECRET}, ${other}` });
    expect(config.session.secrets).toEqual([SECRET, other]);
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

  it('names every problem at once, each with how to fix it, bad values and cross-field rules together', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      PORT: 'eighty',
      GITHUB_URL: 'ftp://x',
      LOG_LEVEL: 'loud',
      TRUST_PROXY: 'maybe',
      SESSION_STORE: 'redis',
      SESSION_SECRET: 'changeme'.repeat(4),
      GITHUB_ALLOWED_TEAMS: 'acme',
      PUBLIC_URL: 'http://app.example.com',
    });
    const expected = [
      /^PORT: PORT must be a whole number/,
      /^GITHUB_URL: GITHUB_URL must be an absolute http\(s\) URL/,
      /^LOG_LEVEL: LOG_LEVEL must be one of/,
      /^TRUST_PROXY: TRUST_PROXY must be one of true, false/,
      /^PUBLIC_URL must use https in production/,
      /^GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are required/,
      /^GITHUB_ALLOWED_TEAMS: "acme" is not org\/team-slug/,
      /^SESSION_SECRET key 1 is too weak: .*openssl rand -base64 32/,
      /^REDIS_URL is missing: SESSION_STORE=redis needs it/,
    ];
    for (const pattern of expected) expect(problems).toContainEqual(expect.stringMatching(pattern));
    expect(problems).toHaveLength(expected.length);
  });

  it('in production with PORT=eighty still reports the missing settings (the schema failure does not stop the rest)', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'eighty' });
    expect(problems).toEqual([
      expect.stringMatching(/^PORT:/),
      expect.stringMatching(/PUBLIC_URL is missing/),
      expect.stringMatching(/GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET/),
      expect.stringMatching(/SESSION_SECRET is missing/),
    ]);
  });

  it('GITHUB_WEBHOOK_SECRET: unset turns webhooks off; a short one is a problem that does not show it', () => {
    expect(loadConfig(valid).github.webhookSecret).toBeNull();
    const secret = 'f'.repeat(64);
    expect(loadConfig({ ...valid, GITHUB_WEBHOOK_SECRET: secret }).github.webhookSecret).toBe(secret);
    const problems = problemsOf({ ...valid, GITHUB_WEBHOOK_SECRET: 'short-secret' });
    expect(problems).toEqual([expect.stringMatching(/^GITHUB_WEBHOOK_SECRET must be at least 20 characters/)]);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('never puts a secret key into a problem, only its position', () => {
    const weak = 'passwordsecretchangemedefault12345';
    const problems = problemsOf({ ...valid, SESSION_SECRET: `${SECRET},${weak}` });
    expect(problems).toEqual([expect.stringMatching(/SESSION_SECRET key 2 is too weak/)]);
    expect(problems.join('\n')).not.toContain(weak);
    expect(problems.join('\n')).not.toContain(SECRET);
  });

  it('reads proxy trust, its hops and the HTTP timeouts, and checks they fit together', () => {
    const config = loadConfig({
      ...valid,
      TRUST_PROXY: 'true',
      TRUST_PROXY_HOPS: '2',
      HTTP_REQUEST_TIMEOUT_SECONDS: '40',
    });
    expect(config.http).toEqual({
      trustProxy: true,
      trustProxyHops: 2,
      requestTimeoutMs: 40_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 5_000,
    });
    expect(loadConfig(valid).http).toMatchObject({ trustProxy: false, trustProxyHops: 1 });
    expect(problemsOf({ ...valid, TRUST_PROXY_HOPS: '2' })).toEqual([expect.stringMatching(/unless TRUST_PROXY=true/)]);
    expect(problemsOf({ ...valid, HTTP_HEADERS_TIMEOUT_SECONDS: '60', HTTP_REQUEST_TIMEOUT_SECONDS: '30' })).toEqual([
      expect.stringMatching(/must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS/),
    ]);
  });

  it('outside production asks for the development secret kept beside the database, never in production', () => {
    const asked: string[] = [];
    const devSecret = (path: string) => {
      asked.push(path);
      return SECRET;
    };
    const config = loadConfig(
      { GITHUB_CLIENT_ID: 'a', GITHUB_CLIENT_SECRET: 'b', SESSION_DB_PATH: '/tmp/x/s.db' },
      { devSecret },
    );
    expect(config.session.secrets).toEqual([SECRET]);
    expect(asked).toEqual(['/tmp/x/dev-session-secret']);
    expect(() => loadConfig({ NODE_ENV: 'production' }, { devSecret })).toThrow(ConfigError);
    expect(asked).toHaveLength(1);
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
    expect(problems).toEqual([expect.stringMatching(/SESSION_SECRET key 2 is too weak: it is shorter than 32/)]);
    expect(problemsOf({ ...valid, SESSION_SECRET: 'a'.repeat(32) })).toEqual([
      expect.stringMatching(/SESSION_SECRET key 1 is too weak: it uses only 1 different characters/),
    ]);
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
