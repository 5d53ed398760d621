import { startGitHubStub, type GitHubStub } from '@github-bff/github-stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie, sessionKeyOf, startLoad, type LoadResult } from '../support/failover-load.ts';
import { startRedisCluster, type RedisCluster } from '../support/redis-cluster.ts';
import { describeWithRedis } from '../support/redis-guard.ts';
import { startRedisSentinel, type RedisSentinelGroup } from '../support/redis-sentinel.ts';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, storeEnvOf, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { delay, waitUntil } from '../support/wait.ts';

/** The BFF's Redis command timeout; a 503 must come within it (plus retries and HTTP). */
const PROMPT_MS = 3000;
const LOAD_ENV = { SIGN_IN_RATE_LIMIT: '1000000', GITHUB_TIMEOUT_MS: '20000' };

/** Two BFF instances sharing one Redis topology and key prefix. */
async function startPair(stub: GitHubStub, first: Parameters<typeof startStack>[0]): Promise<[Stack, Stack]> {
  const a = await startStack({ ...first, stub, env: { ...LOAD_ENV, ...first?.env } });
  const b = await startStack({ stub, env: { ...LOAD_ENV, ...storeEnvOf(a) } });
  return [a, b];
}

/** No 500 ever; every non-200/302 answer is a 503 that came promptly. */
function expectOnlyPromptUnavailability({ answers }: LoadResult): void {
  expect(answers.length).toBeGreaterThan(0);
  expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  expect(answers.filter((a) => a.status === 503 && a.ms > PROMPT_MS)).toEqual([]);
}

/** Every session the BFF issued works on both instances. */
async function expectAllSessionsWork(issued: readonly TestBrowser[], stacks: readonly Stack[]): Promise<void> {
  expect(issued.length).toBeGreaterThan(0);
  const lost: number[] = [];
  for (const stack of stacks) {
    const statuses = await Promise.all(issued.map(async (b) => (await getMe(b, stack)).status));
    statuses.forEach((s, i) => s !== 200 && lost.push(i));
  }
  expect(lost).toEqual([]);
}

/** Milliseconds from `from` until `probe` gets a 200 from /api/me (polling every 50 ms). */
async function timeToFirstMe(probe: TestBrowser, stack: Stack, from: number): Promise<number> {
  await waitUntil(async () => (await getMe(probe, stack)).status === 200, {
    what: '/api/me to answer 200 again',
    timeoutMs: 30_000,
    intervalMs: 50,
  });
  return performance.now() - from;
}

function twoInstanceTests(pair: () => [Stack, Stack]): void {
  it('a session made on A works on B', async () => {
    const [a, b] = pair();
    const browser = new TestBrowser();
    expect((await signIn(browser, a)).callback.headers.get('location')).toBe('/');
    expect((await getMe(browser, b)).status).toBe(200);
  });

  it('logout on B ends the session on A at once: the old cookie replayed on A is 401', async () => {
    const [a, b] = pair();
    const browser = new TestBrowser();
    await signIn(browser, a);
    const replay = new TestBrowser();
    for (const cookie of await browser.jar.getCookies(a.url)) await replay.jar.setCookie(cookie.toString(), a.url);
    expect((await getMe(replay, a)).status).toBe(200);
    expect((await browser.post(`${b.url}/auth/logout`, API_HEADERS)).status).toBe(204);
    expect((await getMe(replay, a)).status).toBe(401);
  });
}

describeWithRedis('Redis Cluster failover', () => {
  let stub: GitHubStub;
  let cluster: RedisCluster;
  let a: Stack;
  let b: Stack;
  beforeAll(async () => {
    stub = await startGitHubStub({ tokenLimit: false });
    cluster = await startRedisCluster();
    [a, b] = await startPair(stub, { store: 'redis', redisCluster: cluster.seeds });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await Promise.all([cluster?.close(), stub?.close()]);
  });

  describe('two instances on a cluster', () => twoInstanceTests(() => [a, b]));

  it('killing a primary under load: its replica takes over, every issued session still works, no 500', async () => {
    const probe = new TestBrowser();
    await signIn(probe, a);
    const victim = await cluster.primaryFor(await sessionKeyOf(probe, a));
    const load = startLoad([a, b]);
    await delay(1500);
    const killedAt = performance.now();
    const { promoted } = await cluster.killPrimary(victim);
    const outageMs = await timeToFirstMe(probe, b, killedAt);
    await promoted;
    await delay(1000);
    const result = await load.stop();
    console.log(
      `cluster failover: first /api/me 200 ${(outageMs / 1000).toFixed(2)} s after the kill; ` +
        `${result.issued.length} sessions issued, ${result.answers.filter((x) => x.status === 503).length} 503s of ${result.answers.length} answers`,
    );
    expectOnlyPromptUnavailability(result);
    // The new primary has no replica until the old one returns: bring it back, as an operator would.
    await cluster.restart(victim);
    await expectAllSessionsWork([probe, ...result.issued], [a, b]);
  }, 120_000);

  it('moving slots live (reshard) under load: zero errors', async () => {
    const [from, to] = await cluster.primaries();
    if (!from || !to) throw new Error('need two primaries');
    const load = startLoad([a, b]);
    await delay(500);
    await cluster.reshard(from, to, 500);
    await cluster.reshard(to, from, 500);
    await delay(500);
    const result = await load.stop();
    expect(result.answers.filter((x) => x.status >= 400)).toEqual([]);
    await expectAllSessionsWork(result.issued, [a, b]);
  }, 120_000);
});

describeWithRedis(
  'Redis Sentinel failover',
  () => {
    let stub: GitHubStub;
    let group: RedisSentinelGroup;
    let a: Stack;
    let b: Stack;
    beforeAll(async () => {
      stub = await startGitHubStub({ tokenLimit: false });
      group = await startRedisSentinel();
      [a, b] = await startPair(stub, { store: 'redis', env: group.env });
    }, 60_000);
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await Promise.all([group?.close(), stub?.close()]);
    });

    describe('two instances behind Sentinel', () => twoInstanceTests(() => [a, b]));

    it('a sign-in no replica has acknowledged (WAIT) is refused with a prompt 503 page, never answered with a session', async () => {
      const primary = await group.primary();
      const replica = group.servers.find((n) => n !== primary);
      if (!replica) throw new Error('no replica');
      replica.pause();
      try {
        const browser = new TestBrowser();
        const started = performance.now();
        const { callback } = await signIn(browser, a);
        expect(performance.now() - started).toBeLessThan(PROMPT_MS);
        expect(callback.headers.get('location')).toBe('/?auth_error=session_store_unavailable');
        expect(await sessionCookie(browser, a)).toBeUndefined();
      } finally {
        replica.resume();
      }
      const browser = new TestBrowser();
      expect((await signIn(browser, a)).callback.headers.get('location')).toBe('/');
    });

    it('killing the primary under load: the sentinels promote the replica, the BFF follows, no issued session is lost', async () => {
      const probe = new TestBrowser();
      await signIn(probe, a);
      const load = startLoad([a, b]);
      await delay(1500);
      const killedAt = performance.now();
      const { victim, promoted } = await group.killPrimary();
      const outageMs = await timeToFirstMe(probe, b, killedAt);
      await promoted;
      await delay(1000);
      const result = await load.stop();
      console.log(
        `sentinel failover: first /api/me 200 ${(outageMs / 1000).toFixed(2)} s after the kill; ` +
          `${result.issued.length} sessions issued, ${result.answers.filter((x) => x.status === 503).length} 503s of ${result.answers.length} answers`,
      );
      expectOnlyPromptUnavailability(result);
      expect((await group.primary()).port).not.toBe(victim.port);
      await group.restart(victim);
      await expectAllSessionsWork([probe, ...result.issued], [a, b]);
    }, 120_000);
  },
  ['redis-sentinel'],
);

describeWithRedis('Redis topologies at startup', () => {
  it('unreachable cluster seeds or sentinels stop startup within seconds with a message naming the setting', async () => {
    const started = performance.now();
    await expect(startStack({ store: 'redis', redisCluster: '127.0.0.1:1,127.0.0.1:2' })).rejects.toThrow(
      /^Cannot reach Redis at cluster 127\.0\.0\.1:1,127\.0\.0\.1:2 \(REDIS_CLUSTER_NODES\): /,
    );
    await expect(
      startStack({ store: 'redis', env: { REDIS_SENTINELS: '127.0.0.1:1', REDIS_SENTINEL_NAME: 'nowhere' } }),
    ).rejects.toThrow(/^Cannot reach Redis at sentinel primary "nowhere" via 127\.0\.0\.1:1 \(REDIS_SENTINELS\): /);
    expect(performance.now() - started).toBeLessThan(12_000);
  }, 20_000);
});
