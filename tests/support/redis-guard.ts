import { describe } from 'vitest';
import { hasRedis, REDIS_INSTALL_HINT } from './redis-server.ts';

/**
 * `describe` when redis-server is here. Without it: locally, the suite is skipped with a loud
 * message; under CI=true it fails, because a skipped suite proves nothing.
 */
export function describeWithRedis(name: string, body: () => void, also: readonly string[] = []): void {
  if (hasRedis(also)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`CI=true and no Redis (or no ${also.join(', ') || 'extra tool'}): ${REDIS_INSTALL_HINT}`);
    });
    return;
  }
  const needs = also.length > 0 ? ` (this suite also needs ${also.join(', ')})` : '';
  console.warn(`\n${'!'.repeat(80)}\n!! SKIPPING "${name}": ${REDIS_INSTALL_HINT}${needs}\n${'!'.repeat(80)}\n`);
  describe.skip(name, body);
}
