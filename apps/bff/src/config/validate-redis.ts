import type { ConfigInput } from './config-input.ts';

/** The Redis topology: exactly one of REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS, and what each needs. */
export function validateRedis({ env, invalid, store, redisTlsCaProblems }: ConfigInput): string[] {
  const problems: string[] = [...redisTlsCaProblems];
  const given = (['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const).filter(
    (name) => env[name] !== undefined || invalid.has(name),
  );
  if (given.length > 1) {
    problems.push(`${given.join(' and ')} are set together: choose one Redis topology (a URL, a cluster, or Sentinel)`);
  }
  if (store === 'redis' && given.length === 0) {
    problems.push(
      'REDIS_URL is missing: SESSION_STORE=redis needs it, e.g. redis://localhost:6379 (or REDIS_CLUSTER_NODES, or REDIS_SENTINELS)',
    );
  }
  const sentinels = env.REDIS_SENTINELS !== undefined || invalid.has('REDIS_SENTINELS');
  if (sentinels && env.REDIS_SENTINEL_NAME === undefined) {
    problems.push('REDIS_SENTINEL_NAME is missing: REDIS_SENTINELS needs the name of the monitored primary');
  }
  if (!sentinels) {
    for (const name of ['REDIS_SENTINEL_NAME', 'REDIS_SENTINEL_PASSWORD'] as const) {
      if (env[name] !== undefined) problems.push(`${name} has no effect without REDIS_SENTINELS: set both, or neither`);
    }
  }
  // Security: a private CA must not be read as "TLS on" while the URL says plain TCP.
  if (env.REDIS_TLS_CA_FILE !== undefined && env.REDIS_URL?.startsWith('redis:')) {
    problems.push('REDIS_TLS_CA_FILE is set but REDIS_URL is redis:// (plain TCP): use rediss://');
  }
  return problems;
}
