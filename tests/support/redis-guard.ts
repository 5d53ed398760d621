import { describeIfInstalled } from './binary-guard.ts';
import { hasRedis, REDIS_INSTALL_HINT } from './redis-server.ts';

/** `describe` when redis-server is here; skipped loudly locally, a failure under CI=true. */
export function describeWithRedis(name: string, body: () => void): void {
  describeIfInstalled(hasRedis(), REDIS_INSTALL_HINT, name, body);
}
