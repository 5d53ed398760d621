import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';
import { infoFields, startRedisNode, type RedisNode } from './redis-node.ts';
import { DUMP_SCRIPT } from './redis-server.ts';
import { waitUntil } from './wait.ts';

const run = promisify(execFile);

/** 3 primaries + 3 replicas on localhost, made with `redis-cli --cluster create`. */
export interface RedisCluster {
  /** REDIS_CLUSTER_NODES for the BFF: every node, as seeds. */
  readonly seeds: string;
  readonly nodes: readonly RedisNode[];
  /** The node that serves `key`'s slot now. */
  primaryFor(key: string): Promise<RedisNode>;
  primaries(): Promise<RedisNode[]>;
  /** SIGKILLs `node` (default: some primary); resolves once it is dead, with `promoted` settling when its replica has taken over. */
  killPrimary(node?: RedisNode): Promise<{ victim: RedisNode; promoted: Promise<void> }>;
  /** Starts a killed node again: it rejoins as a replica of the node that replaced it. */
  restart(node: RedisNode): Promise<void>;
  /** Moves `slots` slots from one primary to another with `redis-cli --cluster reshard`. */
  reshard(from: RedisNode, to: RedisNode, slots: number): Promise<void>;
  /** Every key matching `pattern` on every primary. */
  keys(pattern?: string): Promise<string[]>;
  /** Every key with its type and value, as text, from every primary (as RedisServer.dump). */
  dump(): Promise<string>;
  /** Stops every node and removes the temp dir. */
  close(): Promise<void>;
}

/** Failover in ~1–3 s: a node is judged down after 1 s (cluster-node-timeout). */
const NODE_TIMEOUT_MS = 1000;

export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'bff-redis-cluster-'));
  const nodes: RedisNode[] = [];
  try {
    const ports = await distinctFreePorts(12);
    const started = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        const nodeDir = join(dir, `node-${i}`);
        mkdirSync(nodeDir);
        return startRedisNode({
          port: ports[i] ?? 0,
          dir: nodeDir,
          args: [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            join(nodeDir, 'nodes.conf'),
            '--cluster-node-timeout',
            String(NODE_TIMEOUT_MS),
            '--cluster-port',
            String(ports[i + 6] ?? 0),
            // A replica fails over however long ago it last heard from its primary.
            '--cluster-replica-validity-factor',
            '0',
            // Redis waits 5 s by default before a replica's first sync; tests start at once.
            '--repl-diskless-sync-delay',
            '0',
          ],
        });
      }),
    );
    nodes.push(...started);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes.map((n) => `127.0.0.1:${n.port}`),
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    ]);
    await waitForHealthy(nodes);
  } catch (err) {
    await Promise.all(nodes.map((n) => n.kill()));
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const byPort = (port: number) => nodes.find((n) => n.port === port);
  const primaries = async (): Promise<RedisNode[]> => {
    const running = nodes.find((n) => n.isRunning());
    if (!running) return [];
    const lines = (await running.cli('CLUSTER', 'NODES')).split('\n').filter(Boolean);
    return lines
      .filter((line) => / master /.test(line.replace(/,/g, ' ')) && !/fail/.test(line.split(' ')[2] ?? ''))
      .map((line) => byPort(Number((line.split(' ')[1] ?? '').split(':')[1]?.split('@')[0])))
      .filter((n): n is RedisNode => n !== undefined && n.isRunning());
  };
  const primaryFor = async (key: string): Promise<RedisNode> => {
    const running = nodes.find((n) => n.isRunning());
    if (!running) throw new Error('no cluster node is running');
    const slot = Number((await running.cli('CLUSTER', 'KEYSLOT', key)).trim());
    const shards = (await running.cli('CLUSTER', 'SLOTS')).split('\n');
    // --raw CLUSTER SLOTS: start, end, then for each node ip, port, id(, hostname…) — read the first node.
    for (let i = 0; i + 3 < shards.length; i++) {
      const start = Number(shards[i]);
      const end = Number(shards[i + 1]);
      if (/^\d+$/.test(shards[i] ?? '') && /^\d+$/.test(shards[i + 1] ?? '') && shards[i + 2] === '127.0.0.1') {
        if (slot >= start && slot <= end) {
          const node = byPort(Number(shards[i + 3]));
          if (node) return node;
        }
      }
    }
    throw new Error(`no primary found for slot ${slot}`);
  };

  return {
    seeds: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    nodes,
    primaryFor,
    primaries,
    async killPrimary(node) {
      const victim = node ?? (await primaries())[0];
      if (!victim) throw new Error('no primary to kill');
      await victim.kill();
      const promoted = waitForHealthy(
        nodes.filter((n) => n.isRunning()),
        { primaries: 3, timeoutMs: 15_000 },
      );
      return { victim, promoted };
    },
    async restart(node) {
      await node.start();
      await waitForHealthy(
        nodes.filter((n) => n.isRunning()),
        { primaries: 3, timeoutMs: 15_000 },
      );
    },
    async reshard(from, to, slots) {
      const id = async (n: RedisNode) => (await n.cli('CLUSTER', 'MYID')).trim();
      await run('redis-cli', [
        '--cluster',
        'reshard',
        `127.0.0.1:${from.port}`,
        '--cluster-from',
        await id(from),
        '--cluster-to',
        await id(to),
        '--cluster-slots',
        String(slots),
        '--cluster-yes',
        '--cluster-pipeline',
        '100',
      ]);
      await waitForHealthy(
        nodes.filter((n) => n.isRunning()),
        { primaries: 3 },
      );
    },
    async keys(pattern = '*') {
      const each = await Promise.all((await primaries()).map((n) => n.cli('KEYS', pattern)));
      return each.flatMap((out) => out.split('\n').filter(Boolean));
    },
    async dump() {
      // The script reads only the keys KEYS found on its own node, so it runs on each primary.
      return (await Promise.all((await primaries()).map((n) => n.cli('EVAL', DUMP_SCRIPT, '0')))).join('');
    },
    async close() {
      await Promise.all(nodes.map((n) => n.kill()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every running node says cluster_state:ok, all slots assigned, and `primaries` of them are primaries. */
async function waitForHealthy(
  nodes: readonly RedisNode[],
  { primaries = 3, timeoutMs = 20_000 }: { primaries?: number; timeoutMs?: number } = {},
): Promise<void> {
  await waitUntil(
    async () => {
      const infos = await Promise.all(nodes.map((n) => n.cli('CLUSTER', 'INFO').catch(() => '')));
      const healthy = infos.every((text) => {
        const info = infoFields(text);
        return info.get('cluster_state') === 'ok' && info.get('cluster_slots_ok') === '16384';
      });
      if (!healthy) return false;
      const roles = await Promise.all(nodes.map((n) => n.cli('INFO', 'replication').catch(() => '')));
      const fields = roles.map(infoFields);
      const replicasInSync = fields
        .filter((info) => info.get('role') === 'slave')
        .every((info) => info.get('master_link_status') === 'up');
      return fields.filter((info) => info.get('role') === 'master').length === primaries && replicasInSync;
    },
    { what: 'the Redis cluster to be healthy', timeoutMs, intervalMs: 100 },
  );
}

/** `count` distinct free ports (a node's port and its cluster-bus port must both be free). */
async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
