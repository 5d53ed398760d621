import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import type { Env } from './config.ts';
import { loadConfig } from './load-config.ts';

const valid: Env = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://app.example.com',
  GITHUB_CLIENT_ID: 'Iv1.abc',
  GITHUB_CLIENT_SECRET: 'shh',
  SESSION_SECRET: 'mH3v9Qx2Lk7Zr4Tb8Wn1Yc6Pd5Sf0JgE',
  SESSION_STORE: 'redis',
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

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function tempFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'bff-ca-')), 'ca.pem');
  writeFileSync(path, content);
  return path;
}

describe('Redis topology settings', () => {
  it('REDIS_URL alone is a single Redis that waits for no replica', () => {
    const { redis } = loadConfig({ ...valid, REDIS_URL: 'rediss://u:p@redis.example.com:6380' }).session;
    expect(redis.topology).toEqual({ kind: 'single', url: 'rediss://u:p@redis.example.com:6380' });
    expect(redis.waitReplicas).toBe(0);
    expect(redis.tlsCa).toBeNull();
  });

  it('REDIS_CLUSTER_NODES is a cluster whose writes wait for one replica', () => {
    const { redis } = loadConfig({ ...valid, REDIS_CLUSTER_NODES: 'a:7000, b.example.com:7001' }).session;
    expect(redis.topology).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'a', port: 7000 },
        { host: 'b.example.com', port: 7001 },
      ],
    });
    expect(redis.waitReplicas).toBe(1);
    expect(redis.waitTimeoutMs).toBeLessThan(redis.commandTimeoutMs);
  });

  it('REDIS_SENTINELS with a name (and a password) is Sentinel', () => {
    const { redis } = loadConfig({
      ...valid,
      REDIS_SENTINELS: 's1:26379,s2:26379',
      REDIS_SENTINEL_NAME: 'mymaster',
      REDIS_SENTINEL_PASSWORD: 'pw',
      REDIS_WAIT_REPLICAS: '0',
    }).session;
    expect(redis.topology).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      name: 'mymaster',
      sentinelPassword: 'pw',
    });
    expect(redis.waitReplicas).toBe(0);
  });

  it('refuses a mix of topologies', () => {
    expect(problemsOf({ ...valid, REDIS_URL: 'redis://x:6379', REDIS_CLUSTER_NODES: 'a:7000' })).toEqual([
      expect.stringMatching(/^REDIS_URL and REDIS_CLUSTER_NODES are set together: choose one Redis topology/),
    ]);
    expect(
      problemsOf({ ...valid, REDIS_CLUSTER_NODES: 'a:7000', REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'm' }),
    ).toEqual([expect.stringMatching(/^REDIS_CLUSTER_NODES and REDIS_SENTINELS are set together/)]);
  });

  it('refuses SESSION_STORE=redis with no topology', () => {
    expect(problemsOf(valid)).toEqual([expect.stringMatching(/^REDIS_URL is missing/)]);
  });

  it('refuses malformed host:port lists', () => {
    expect(problemsOf({ ...valid, REDIS_CLUSTER_NODES: 'a:7000,nope' })).toEqual([
      'REDIS_CLUSTER_NODES: REDIS_CLUSTER_NODES entries must be host:port, for example redis-1:6379',
    ]);
    expect(problemsOf({ ...valid, REDIS_SENTINELS: 's:99999', REDIS_SENTINEL_NAME: 'm' })).toEqual([
      'REDIS_SENTINELS: REDIS_SENTINELS has a port above 65535',
    ]);
  });

  it('refuses Sentinel without a name, and Sentinel settings without sentinels', () => {
    expect(problemsOf({ ...valid, REDIS_SENTINELS: 's:26379' })).toEqual([
      expect.stringMatching(/^REDIS_SENTINEL_NAME is missing/),
    ]);
    expect(
      problemsOf({
        ...valid,
        REDIS_URL: 'redis://x:6379',
        REDIS_SENTINEL_NAME: 'm',
        REDIS_SENTINEL_PASSWORD: 'pw',
      }),
    ).toEqual([
      'REDIS_SENTINEL_NAME has no effect without REDIS_SENTINELS: set both, or neither',
      'REDIS_SENTINEL_PASSWORD has no effect without REDIS_SENTINELS: set both, or neither',
    ]);
  });

  it('reads REDIS_TLS_CA_FILE at startup', () => {
    const path = tempFile(PEM);
    expect(loadConfig({ ...valid, REDIS_URL: 'rediss://x:6380', REDIS_TLS_CA_FILE: path }).session.redis.tlsCa).toBe(
      PEM,
    );
  });

  it('refuses an unreadable CA file, one without a certificate, and a CA with plain redis://', () => {
    expect(problemsOf({ ...valid, REDIS_URL: 'rediss://x:6380', REDIS_TLS_CA_FILE: '/nonexistent/ca.pem' })).toEqual([
      expect.stringMatching(/^REDIS_TLS_CA_FILE cannot be read: ENOENT/),
    ]);
    const junk = tempFile('not a certificate');
    expect(problemsOf({ ...valid, REDIS_URL: 'rediss://x:6380', REDIS_TLS_CA_FILE: junk })).toEqual([
      `REDIS_TLS_CA_FILE (${junk}) holds no PEM certificate`,
    ]);
    expect(problemsOf({ ...valid, REDIS_URL: 'redis://x:6379', REDIS_TLS_CA_FILE: tempFile(PEM) })).toEqual([
      'REDIS_TLS_CA_FILE is set but REDIS_URL is redis:// (plain TCP): use rediss://',
    ]);
  });

  it('names every Redis problem in one error, with the others', () => {
    const problems = problemsOf({
      ...valid,
      SESSION_SECRET: 'short',
      REDIS_URL: 'redis://x:6379',
      REDIS_SENTINELS: 's:26379',
      REDIS_WAIT_TIMEOUT_MS: '5000',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^REDIS_WAIT_TIMEOUT_MS: REDIS_WAIT_TIMEOUT_MS must be at most 900/),
        expect.stringMatching(/^SESSION_SECRET key 1 is too weak/),
        expect.stringMatching(/^REDIS_URL and REDIS_SENTINELS are set together/),
        expect.stringMatching(/^REDIS_SENTINEL_NAME is missing/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });
});
