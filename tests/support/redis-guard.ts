import { describeIfInstalled } from './binary-guard.ts';
import { hasRedis, REDIS_INSTALL_HINT } from './redis-server.ts';

/**
 * `describe` when redis-server (and the programs in `also`, such as redis-sentinel) are here;
 * skipped loudly locally, a failure under CI=true.
 */
export function describeWithRedis(name: string, body: () => void, also: readonly string[] = []): void {
  const hint = also.length > 0 ? `${REDIS_INSTALL_HINT} This suite also needs ${also.join(', ')}.` : REDIS_INSTALL_HINT;
  describeIfInstalled(hasRedis(also), hint, name, body);
}
