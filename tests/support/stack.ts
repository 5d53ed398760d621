import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBff,
  createMetricsServer,
  type Bff,
  createHttpServer,
  createSessionStore,
  createSignInRateLimiter,
  loadConfig,
  type Config,
  type Env,
  type RateLimiter,
  type SessionStore,
} from '@github-bff/bff/testing';
import { startGitHubStub, STUB_DEFAULTS, type GitHubStub, type StartGitHubStubOptions } from '@github-bff/github-stub';
import { freePort } from './free-port.ts';
import { createTestClock, type TestClock } from './clock.ts';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface Stack {
  /** The BFF's origin, e.g. http://localhost:41234 */
  readonly url: string;
  readonly stub: GitHubStub;
  readonly clock: TestClock;
  config: Config;
  store: SessionStore;
  /** `http://127.0.0.1:PORT/metrics` of the BFF's metrics listener (only with `metrics: true`). */
  readonly metricsUrl: string;
  /** Stops the BFF and its store, then starts both again on the same port and database (or Redis). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Extra environment for the BFF (PUBLIC_URL, GitHub URLs and secrets are filled in). */
  readonly env?: Env;
  readonly stub?: GitHubStub;
  /** Options for the stand-in startStack starts itself (not used with `stub`). */
  readonly stubOptions?: StartGitHubStubOptions;
  /** The session store (default sqlite). Redis gets a key prefix of its own per stack. */
  readonly store?: 'sqlite' | 'redis';
  /** The redis-server to use when `store` is 'redis'. */
  readonly redisUrl?: string;
  /** Or a cluster's seed nodes (REDIS_CLUSTER_NODES); or put another topology in `env`. */
  readonly redisCluster?: string;
  /** Serve the metrics on a listener of their own, as METRICS_PORT does. */
  readonly metrics?: boolean;
  /** The BFF's logger (default: silent), and the audit trail's (default: the logger). */
  readonly log?: Logger;
  readonly auditLog?: Logger;
}

/** The real BFF on a free port over real HTTP, against a real GitHub stand-in and a real SQLite file or Redis. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const stub = options.stub ?? (await startGitHubStub(options.stubOptions));
  const dir = mkdtempSync(join(tmpdir(), 'bff-test-'));
  const clock = createTestClock();
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const metricsPort = options.metrics ? await freePort() : 0;
  const config = loadConfig({
    PUBLIC_URL: url,
    PORT: String(port),
    GITHUB_URL: stub.url,
    GITHUB_CLIENT_ID: STUB_DEFAULTS.clientId,
    GITHUB_CLIENT_SECRET: STUB_DEFAULTS.clientSecret,
    GITHUB_TIMEOUT_MS: '1000',
    SESSION_SECRET: TEST_SECRET,
    SESSION_DB_PATH: join(dir, 'sessions.db'),
    // Every test signs in from 127.0.0.1; the rate-limit test sets its own limit.
    SIGN_IN_RATE_LIMIT: '1000000',
    ...redisEnv(options),
    // The metrics listener is this harness's (below); the setting turns the metrics on.
    ...(options.metrics ? { METRICS_PORT: String(metricsPort) } : {}),
    ...options.env,
  });

  const openStore = () => createSessionStore(config, { now: clock.now, sweepIntervalMs: 0 });
  let limiter: RateLimiter | undefined;
  let bff: Bff | undefined;
  /** The BFF's own HTTP server (its timeouts included), serving a fresh app on `store`. */
  const serve = async (store: SessionStore): Promise<Server> => {
    limiter = await createSignInRateLimiter(config, clock.now);
    bff = createBff(config, {
      store,
      now: clock.now,
      signInRateLimiter: limiter,
      ...(options.log ? { log: options.log } : {}),
      ...(options.auditLog ? { auditLog: options.auditLog } : {}),
    });
    if (options.metrics) {
      // After a restart the new app's registry is served (metrics start from zero, as in a new process).
      if (metricsServer) await new Promise<void>((resolve) => metricsServer?.close(() => resolve()));
      if (!bff.metrics.registry) throw new Error('metrics: true, yet the app exports none');
      metricsServer = createMetricsServer(bff.metrics.registry);
      await new Promise<void>((resolve) => metricsServer?.listen(metricsPort, '127.0.0.1', resolve));
    }
    return listen(createHttpServer(config.http, bff.koa.callback(), bff.handleUpgrade), port);
  };
  let metricsServer: Server | undefined;

  const firstStore = await openStore().catch(async (err: unknown) => {
    if (!options.stub) await stub.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  const stack: Stack = {
    url,
    stub,
    clock,
    config,
    store: firstStore,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    async restart() {
      await stopServer(server);
      await Promise.all([bff?.close(), stack.store.close(), limiter?.close()]);
      stack.store = await openStore();
      server = await serve(stack.store);
    },
    async close() {
      metricsServer?.close();
      await stopServer(server);
      await Promise.all([bff?.close(), stack.store.close(), limiter?.close()]);
      if (!options.stub) await stub.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  let server = await serve(firstStore);
  return stack;
}

function redisEnv({ store, redisUrl, redisCluster, env = {} }: StackOptions): Env {
  if (store !== 'redis') return {};
  const topology = redisCluster
    ? { REDIS_CLUSTER_NODES: redisCluster }
    : redisUrl
      ? { REDIS_URL: redisUrl }
      : env.REDIS_SENTINELS
        ? {}
        : undefined;
  if (!topology) throw new Error("startStack({ store: 'redis' }) needs redisUrl, redisCluster or REDIS_SENTINELS");
  // Stacks sharing one Redis see only their own keys unless told to share (storeEnvOf).
  return { SESSION_STORE: 'redis', ...topology, REDIS_KEY_PREFIX: `test-${randomUUID()}:` };
}

/** The environment that points another stack at this stack's sessions (same file, or same Redis and prefix). */
export function storeEnvOf(stack: Stack): Env {
  const { store, dbPath, redisKeyPrefix, redis } = stack.config.session;
  if (store !== 'redis') return { SESSION_STORE: store, SESSION_DB_PATH: dbPath };
  const hostPorts = (list: readonly { host: string; port: number }[]) =>
    list.map((n) => `${n.host}:${n.port}`).join(',');
  const { topology } = redis;
  const where: Env =
    topology.kind === 'single'
      ? { REDIS_URL: topology.url }
      : topology.kind === 'cluster'
        ? { REDIS_CLUSTER_NODES: hostPorts(topology.nodes) }
        : { REDIS_SENTINELS: hostPorts(topology.sentinels), REDIS_SENTINEL_NAME: topology.name };
  return { SESSION_STORE: store, ...where, REDIS_KEY_PREFIX: redisKeyPrefix };
}

function listen(server: Server, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', () => resolve(server));
  });
}

/**
 * A hard stop: connections still in the accept queue when close() is called show up later and
 * would keep the server open for as long as a busy client reuses them, so keep cutting them.
 */
function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const cut = setInterval(() => server.closeAllConnections(), 20);
    server.close(() => {
      clearInterval(cut);
      resolve();
    });
    server.closeAllConnections();
  });
}
