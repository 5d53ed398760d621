import type { ChainableCommander } from 'ioredis';
import { execPipeline } from './exec-pipeline.ts';
import type { RedisClient } from './redis-connection.ts';

export interface Durability {
  /** Replicas that must hold the write before it counts; 0: do not wait. */
  readonly replicas: number;
  /** WAIT's own timeout, below the command timeout so that it fails (503) rather than hangs. */
  readonly timeoutMs: number;
}

/**
 * Runs the commands `build` adds, then WAIT on the same connection: Redis replicates
 * asynchronously, and WAIT counts only the replicas of the node that took this connection's
 * writes. A pipeline is sent to one node (on a cluster, the one owning its keys' slot; all of
 * them must share it), so WAIT rides along with the write it protects. Fewer acknowledgements
 * than asked is a failure: the caller answers 503 rather than promise what a failover could lose.
 * https://redis.io/docs/latest/commands/wait/
 */
export async function writeDurably(
  client: RedisClient,
  { replicas, timeoutMs }: Durability,
  build: (pipeline: ChainableCommander) => ChainableCommander,
): Promise<unknown[]> {
  const pipeline = build(client.pipeline());
  if (replicas === 0) return execPipeline(pipeline);
  const results = await execPipeline(pipeline.call('WAIT', String(replicas), String(timeoutMs)));
  const acknowledged = Number(results.at(-1));
  if (!(acknowledged >= replicas)) {
    throw new Error(`WAIT: ${acknowledged} of ${replicas} replica(s) acknowledged the write within ${timeoutMs} ms`);
  }
  return results.slice(0, -1);
}
