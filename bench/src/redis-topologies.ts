/**
 * `npm run bench:redis [-- --smoke]`: the product on a Redis cluster (3+3) against a single Redis,
 * in one run and interleaved (/api/me and sign-ins per second, the cost of WAIT on a sign-in),
 * then the failover figures: seconds from killing the primary to the first successful /api/me,
 * and issued sessions lost, for Sentinel and for Cluster. The BFFs run in this process (as the
 * integration tests run them), so the figures compare topologies, not absolute capacity.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startGitHubStub, type GitHubStub } from '@github-bff/github-stub';
import { startLoad, sessionKeyOf } from '@github-bff/tests/support/failover-load.ts';
import { startRedisCluster } from '@github-bff/tests/support/redis-cluster.ts';
import { hasRedis, startRedisServer } from '@github-bff/tests/support/redis-server.ts';
import { startRedisSentinel } from '@github-bff/tests/support/redis-sentinel.ts';
import { API_HEADERS, getMe, signIn } from '@github-bff/tests/support/sign-in.ts';
import { startStack, storeEnvOf, type Stack, type StackOptions } from '@github-bff/tests/support/stack.ts';
import { TestBrowser } from '@github-bff/tests/support/test-browser.ts';
import { delay, waitUntil } from '@github-bff/tests/support/wait.ts';
import { median } from './measure/stats.ts';
import { ROOT } from './support/paths.ts';

const smoke = process.argv.includes('--smoke');
const SECONDS = smoke ? 1 : 8;
const ROUNDS = smoke ? 1 : 3;
const LOAD_ENV = { SIGN_IN_RATE_LIMIT: '1000000', GITHUB_TIMEOUT_MS: '20000', LOG_LEVEL: 'silent' };
const log = (line: string) => console.log(`[bench:redis] ${line}`);

/** Failed operations by what they answered, over the whole run (reported, not hidden). */
const failures: Record<string, number> = {};

/** Completed operations per second, `concurrency` loops for `seconds`; `op` names a failure. */
async function rate(seconds: number, concurrency: number, op: () => Promise<string | null>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const failure = await op();
        if (failure === null) done++;
        else failures[failure] = (failures[failure] ?? 0) + 1;
      }
    }),
  );
  return done / seconds;
}

async function throughput(stack: Stack): Promise<{ mePerSecond: number; signInsPerSecond: number; signInMs: number }> {
  const browsers = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const b = new TestBrowser();
      await signIn(b, stack);
      return b;
    }),
  );
  let i = 0;
  const mePerSecond = await rate(SECONDS, 20, async () => {
    const { status } = await getMe(browsers[i++ % 20]!, stack);
    return status === 200 ? null : `/api/me ${status}`;
  });
  const latencies: number[] = [];
  const signInsPerSecond = await rate(SECONDS, 8, async () => {
    const started = performance.now();
    const location = (await signIn(new TestBrowser(), stack)).callback.headers.get('location');
    latencies.push(performance.now() - started);
    return location === '/' ? null : `sign-in ${location}`;
  });
  return { mePerSecond, signInsPerSecond, signInMs: median(latencies) };
}

async function failover(
  name: string,
  stub: GitHubStub,
  options: StackOptions,
  kill: (probeKey: string) => Promise<{ promoted: Promise<void>; restart: () => Promise<void> }>,
) {
  const a = await startStack({ ...options, stub, env: { ...LOAD_ENV, ...options.env } });
  const b = await startStack({ stub, env: { ...LOAD_ENV, ...storeEnvOf(a) } });
  try {
    const probe = new TestBrowser();
    await signIn(probe, a);
    const load = startLoad([a, b]);
    await delay(smoke ? 300 : 1500);
    const killedAt = performance.now();
    const { promoted, restart } = await kill(await sessionKeyOf(probe, a));
    await waitUntil(async () => (await getMe(probe, b)).status === 200, { what: '/api/me', timeoutMs: 30_000 });
    const seconds = (performance.now() - killedAt) / 1000;
    await promoted;
    const result = await load.stop();
    await restart();
    let lost = 0;
    for (const browser of [probe, ...result.issued]) {
      if ((await browser.get(`${b.url}/api/me`, API_HEADERS)).status !== 200) lost++;
    }
    const fiveHundreds = result.answers.filter((x) => x.status >= 500 && x.status !== 503).length;
    log(
      `${name}: first /api/me ${seconds.toFixed(2)} s after the kill; ${lost} of ${result.issued.length + 1} sessions lost; ${fiveHundreds} 500s`,
    );
    return {
      topology: name,
      secondsToFirstMe: seconds,
      sessionsIssued: result.issued.length + 1,
      sessionsLost: lost,
      fiveHundreds,
    };
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

async function main(): Promise<void> {
  if (!hasRedis(['redis-sentinel'])) {
    const message = 'bench:redis needs redis-server, redis-cli and redis-sentinel on PATH';
    // Like the Redis test suites: skipped locally with a loud line, a failure under CI.
    if (process.env.CI === 'true') throw new Error(message);
    log(`SKIPPED: ${message}`);
    return;
  }
  const stub = await startGitHubStub({ tokenLimit: false });
  const single = await startRedisServer();
  const cluster = await startRedisCluster();
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    mode: smoke ? 'smoke' : 'full',
    seconds: SECONDS,
  };
  try {
    const onSingle = await startStack({ stub, store: 'redis', redisUrl: single.url, env: LOAD_ENV });
    const onCluster = await startStack({ stub, store: 'redis', redisCluster: cluster.seeds, env: LOAD_ENV });
    const noWait = await startStack({
      stub,
      store: 'redis',
      redisCluster: cluster.seeds,
      env: { ...LOAD_ENV, REDIS_WAIT_REPLICAS: '0' },
    });
    const rounds: Record<string, Awaited<ReturnType<typeof throughput>>[]> = {
      single: [],
      cluster: [],
      clusterNoWait: [],
    };
    try {
      for (let r = 0; r < ROUNDS; r++) {
        rounds.single!.push(await throughput(onSingle));
        rounds.cluster!.push(await throughput(onCluster));
        rounds.clusterNoWait!.push(await throughput(noWait));
        log(
          `round ${r + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, v.at(-1)])))}`,
        );
      }
    } finally {
      await Promise.all([onSingle.close(), onCluster.close(), noWait.close()]);
    }
    const med = (k: string, f: 'mePerSecond' | 'signInsPerSecond' | 'signInMs') => median(rounds[k]!.map((x) => x[f]));
    results.throughput = {
      single: {
        mePerSecond: med('single', 'mePerSecond'),
        signInsPerSecond: med('single', 'signInsPerSecond'),
        signInMs: med('single', 'signInMs'),
      },
      cluster: {
        mePerSecond: med('cluster', 'mePerSecond'),
        signInsPerSecond: med('cluster', 'signInsPerSecond'),
        signInMs: med('cluster', 'signInMs'),
      },
      clusterWithoutWait: {
        signInsPerSecond: med('clusterNoWait', 'signInsPerSecond'),
        signInMs: med('clusterNoWait', 'signInMs'),
      },
      ratioMe: med('cluster', 'mePerSecond') / med('single', 'mePerSecond'),
      ratioSignIns: med('cluster', 'signInsPerSecond') / med('single', 'signInsPerSecond'),
      waitCostMsPerSignIn: med('cluster', 'signInMs') - med('clusterNoWait', 'signInMs'),
    };
    results.failures = failures;
    log(`throughput: ${JSON.stringify(results.throughput)}; failures: ${JSON.stringify(failures)}`);

    const clusterFailover = await failover(
      'cluster',
      stub,
      { store: 'redis', redisCluster: cluster.seeds },
      async (key) => {
        const { victim, promoted } = await cluster.killPrimary(await cluster.primaryFor(key));
        return { promoted, restart: () => cluster.restart(victim) };
      },
    );
    const group = await startRedisSentinel();
    try {
      const sentinelFailover = await failover('sentinel', stub, { store: 'redis', env: group.env }, async () => {
        const { victim, promoted } = await group.killPrimary();
        return { promoted, restart: () => group.restart(victim) };
      });
      results.failover = [sentinelFailover, clusterFailover];
    } finally {
      await group.close();
    }
  } finally {
    await Promise.all([cluster.close(), single.close(), stub.close()]);
  }
  const dir = join(ROOT, smoke ? 'bench/results/smoke' : 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'redis-topologies.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${join(dir, 'redis-topologies.json')}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
