import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import type { Env } from './config.ts';
import { loadConfig } from './load-config.ts';

const ec = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const base: Env = {
  GITHUB_CLIENT_ID: 'id',
  GITHUB_CLIENT_SECRET: 's',
  SESSION_SECRET: 'mH3v9Qx2Lk7Zr4Tb8Wn1Yc6Pd5Sf0JgE',
  IDENTITY_SIGNING_KEYS: ec(),
};
const problemsOf = (env: Env): readonly string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};
let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('API_UPSTREAMS', () => {
  it('fills in the documented defaults: GET and HEAD, the target’s origin as audience, 30 s, 10 MB', () => {
    const [notes] = loadConfig({
      ...base,
      API_UPSTREAMS: '[{"name":"notes","target":"http://127.0.0.1:4000/v1/"}]',
    }).upstreams;
    expect(notes).toEqual({
      name: 'notes',
      target: 'http://127.0.0.1:4000/v1',
      methods: ['GET', 'HEAD'],
      audience: 'http://127.0.0.1:4000',
      access: { orgs: [], teams: [], users: [] },
      anonymous: false,
      githubToken: false,
      websocket: false,
      timeoutMs: 30_000,
      maxRequestBytes: 10 * 1024 * 1024,
    });
  });

  it('reads API_UPSTREAMS_FILE, and adds read:org when an access rule names orgs or teams', () => {
    dir = mkdtempSync(join(tmpdir(), 'upstreams-'));
    const file = join(dir, 'upstreams.json');
    writeFileSync(
      file,
      JSON.stringify([{ name: 'x', target: 'https://x.internal', access: { teams: ['Acme/Core'] } }]),
    );
    const config = loadConfig({ ...base, API_UPSTREAMS_FILE: file });
    expect(config.upstreams[0]?.access.teams).toEqual([{ org: 'acme', slug: 'core' }]);
    expect(config.github.scopes).toContain('read:org');
    expect(config.github.fetchMemberships).toBe(true);
  });

  it('names every problem at once: bad JSON fields, reserved and repeated names, non-http targets', () => {
    const problems = problemsOf({
      ...base,
      API_UPSTREAMS: JSON.stringify([
        { name: 'me', target: 'http://a' },
        { name: 'Bad Name', target: 'http://a' },
        { name: 'y', target: 'ftp://a' },
        { name: 'x', target: 'http://b' },
        { name: 'x', target: 'http://c' },
        { name: 'x2', target: 'http://b', methods: ['FETCH'], timeoutMs: 5 },
        { name: 'x3', target: 'http://b', colour: 'blue' },
      ]),
    });
    const text = problems.join('\n');
    expect(text).toMatch(/\[0\] "me": the name "me" is a built-in route/);
    expect(text).toMatch(/\[1\] "Bad Name": name must be lower-case/);
    expect(text).toMatch(/\[2\] "y": target must be an http\(s\) URL/);
    expect(text).toMatch(/\[4\] "x": the name "x" is used twice/);
    expect(text).toMatch(/\[5\] "x2": methods\.0 must be among/);
    expect(text).toMatch(/\[5\] "x2": timeoutMs/);
    expect(text).toMatch(/\[6\] "x3": entry Unrecognized key/);
  });

  it('in production, refuses an http target off loopback unless explicitly allowed', () => {
    const prod = { ...base, NODE_ENV: 'production', PUBLIC_URL: 'https://app.example.com' };
    const upstream = (extra: object) => JSON.stringify([{ name: 'x', target: 'http://10.0.0.5:8080', ...extra }]);
    expect(problemsOf({ ...prod, API_UPSTREAMS: upstream({}) })).toEqual([
      expect.stringMatching(/plain http off this machine/),
    ]);
    expect(problemsOf({ ...prod, API_UPSTREAMS: upstream({ allowInsecureHttp: true }) })).toEqual([]);
    expect(
      problemsOf({ ...prod, API_UPSTREAMS: JSON.stringify([{ name: 'x', target: 'http://localhost:1' }]) }),
    ).toEqual([]);
  });

  it('is not JSON, not an array, or set twice: one clear problem', () => {
    expect(problemsOf({ ...base, API_UPSTREAMS: '{' })).toEqual([expect.stringMatching(/is not JSON/)]);
    expect(problemsOf({ ...base, API_UPSTREAMS: '{}' })).toEqual([expect.stringMatching(/must be a JSON array/)]);
    expect(problemsOf({ ...base, API_UPSTREAMS: '[]', API_UPSTREAMS_FILE: '/x' })).toEqual([
      expect.stringMatching(/both set/),
    ]);
  });
});

describe('IDENTITY_SIGNING_KEYS', () => {
  const upstreams = '[{"name":"notes","target":"http://127.0.0.1:4000"}]';

  it('takes one or more PEM keys, first first; a key that is not EC P-256 is named by position', () => {
    const [a, b] = [ec(), ec()];
    expect(loadConfig({ ...base, IDENTITY_SIGNING_KEYS: `${a}\n${b}` }).identity.signingKeys).toEqual([
      a.trim(),
      b.trim(),
    ]);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const problems = problemsOf({ ...base, IDENTITY_SIGNING_KEYS: `${a}\n${rsa}` });
    expect(problems).toEqual([expect.stringMatching(/^IDENTITY_SIGNING_KEYS key 2 is not an EC P-256 key/)]);
    expect(problems.join()).not.toContain('PRIVATE KEY');
  });

  it('in production with upstreams and no key refuses to start, saying how to make one', () => {
    const { IDENTITY_SIGNING_KEYS: _, ...withoutKey } = base;
    const prod = {
      ...withoutKey,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://app.example.com',
      API_UPSTREAMS: upstreams,
    };
    expect(problemsOf(prod)).toEqual([
      expect.stringMatching(/IDENTITY_SIGNING_KEYS is missing.*notes.*openssl genpkey/),
    ]);
    const anonymous = '[{"name":"open","target":"http://127.0.0.1:4000","anonymous":true}]';
    expect(problemsOf({ ...prod, API_UPSTREAMS: anonymous })).toEqual([]);
  });

  it('outside production makes a development key when upstreams need one', () => {
    const { IDENTITY_SIGNING_KEYS: _, ...withoutKey } = base;
    const asked: string[] = [];
    const key = ec();
    const config = loadConfig(
      { ...withoutKey, API_UPSTREAMS: upstreams, SESSION_DB_PATH: '/tmp/d/s.db' },
      { devIdentityKey: (path) => (asked.push(path), key) },
    );
    expect(config.identity.signingKeys).toEqual([key]);
    expect(asked).toEqual(['/tmp/d/dev-identity-key.pem']);
  });

  it('IDENTITY_TOKEN_TTL_SECONDS defaults to 60 and may not exceed 300', () => {
    expect(loadConfig(base).identity.tokenTtlSeconds).toBe(60);
    expect(problemsOf({ ...base, IDENTITY_TOKEN_TTL_SECONDS: '301' })).toEqual([expect.stringMatching(/at most 300/)]);
  });
});
