import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { infoFields, startRedisNode, type RedisNode } from './redis-node.ts';
import { waitUntil } from './wait.ts';

export const SENTINEL_NAME = 'bff-primary';

/** 1 primary + 1 replica watched by 3 sentinels (quorum 2), on localhost. */
export interface RedisSentinelGroup {
  /** REDIS_SENTINELS and REDIS_SENTINEL_NAME for the BFF. */
  readonly env: { readonly REDIS_SENTINELS: string; readonly REDIS_SENTINEL_NAME: string };
  readonly servers: readonly RedisNode[];
  /** The node the sentinels name as primary now. */
  primary(): Promise<RedisNode>;
  /** SIGKILLs the primary; resolves once it is dead, with `promoted` settling when the sentinels name the replica. */
  killPrimary(): Promise<{ victim: RedisNode; promoted: Promise<void> }>;
  /** Starts a killed server again; the sentinels make it a replica of the new primary. */
  restart(node: RedisNode): Promise<void>;
  close(): Promise<void>;
}

export async function startRedisSentinel(): Promise<RedisSentinelGroup> {
  const dir = mkdtempSync(join(tmpdir(), 'bff-redis-sentinel-'));
  const started: RedisNode[] = [];
  const servers: RedisNode[] = [];
  const sentinels: RedisNode[] = [];
  try {
    const [primaryPort = 0, replicaPort = 0] = [await freePort(), await freePort()];
    // A replica whose sync starts at once (Redis waits 5 s by default), so WAIT has a replica.
    const fast = ['--repl-diskless-sync-delay', '0'];
    servers.push(await startRedisNode({ port: primaryPort, dir, args: fast }));
    started.push(...servers);
    servers.push(
      await startRedisNode({
        port: replicaPort,
        dir,
        args: [...fast, '--replicaof', '127.0.0.1', String(primaryPort)],
      }),
    );
    started.push(servers[1] as RedisNode);
    await waitUntil(
      async () => infoFields(await servers[1]!.cli('INFO', 'replication')).get('master_link_status') === 'up',
      {
        what: 'the replica to sync with the primary',
      },
    );
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      // Sentinel rewrites its config file as it learns the group: each gets its own, in the temp dir.
      const conf = join(dir, `sentinel-${i}.conf`);
      writeFileSync(
        conf,
        [
          `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${primaryPort} 2`,
          `sentinel down-after-milliseconds ${SENTINEL_NAME} 1000`,
          `sentinel failover-timeout ${SENTINEL_NAME} 3000`,
          `sentinel parallel-syncs ${SENTINEL_NAME} 1`,
          '',
        ].join('\n'),
      );
      const sentinel = await startRedisNode({ port, dir, command: 'redis-sentinel', args: [conf] });
      sentinels.push(sentinel);
      started.push(sentinel);
    }
    await waitForGroup(sentinels);
  } catch (err) {
    await Promise.all(started.map((n) => n.kill()));
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const primaryPort = async (): Promise<number> => {
    for (const s of sentinels) {
      const answer = await s.cli('SENTINEL', 'get-master-addr-by-name', SENTINEL_NAME).catch(() => '');
      const port = Number(answer.split('\n')[1]);
      if (port > 0) return port;
    }
    throw new Error('no sentinel names a primary');
  };
  const primary = async () => {
    const port = await primaryPort();
    const node = servers.find((n) => n.port === port);
    if (!node) throw new Error(`the sentinels name an unknown primary on port ${port}`);
    return node;
  };
  return {
    env: { REDIS_SENTINELS: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','), REDIS_SENTINEL_NAME: SENTINEL_NAME },
    servers,
    primary,
    async killPrimary() {
      const victim = await primary();
      await victim.kill();
      const promoted = waitUntil(async () => (await primaryPort()) !== victim.port, {
        what: 'the sentinels to promote the replica',
        timeoutMs: 20_000,
        intervalMs: 50,
      });
      return { victim, promoted };
    },
    async restart(node) {
      await node.start();
      await waitUntil(
        async () => infoFields(await node.cli('INFO', 'replication')).get('master_link_status') === 'up',
        { what: 'the restarted server to become a replica in sync', timeoutMs: 20_000, intervalMs: 100 },
      );
    },
    async close() {
      await Promise.all(started.map((n) => n.kill()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Each sentinel knows the replica and the two other sentinels: a failover can be voted. */
async function waitForGroup(sentinels: readonly RedisNode[]): Promise<void> {
  await waitUntil(
    async () => {
      const views = await Promise.all(
        sentinels.map(async (s) =>
          infoFields((await s.cli('INFO', 'sentinel').catch(() => '')).replace(/,/g, '\n').replace(/=/g, ':')),
        ),
      );
      return views.every((v) => v.get('slaves') === '1' && v.get('sentinels') === '3');
    },
    { what: 'the sentinels to see the replica and each other', timeoutMs: 20_000, intervalMs: 100 },
  );
}
