import { describe } from 'vitest';
import { hasRedis, REDIS_INSTALL_HINT } from './redis-server.ts';

/**
 * `describe` when redis-server is here. Without it: locally, the suite is skipped with a loud
 * message; under CI=true it fails, because a skipped suite proves nothing.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (hasRedis()) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`CI=true and no Redis: ${REDIS_INSTALL_HINT}`);
    });
    return;
  }
  console.warn(`\n${'!'.repeat(80)}\n!! SKIPPING "${name}": ${REDIS_INSTALL_HINT}\n${'!'.repeat(80)}\n`);
  describe.skip(name, body);
}
