import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe } from 'vitest';

export const REDIS_INSTALL_HINT =
  'Redis tests need redis-server and redis-cli on PATH. On Debian/Ubuntu: `sudo apt-get install redis-server`.';

export function hasRedis(): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return ['redis-server', 'redis-cli'].every((name) => dirs.some((dir) => existsSync(join(dir, name))));
}

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
