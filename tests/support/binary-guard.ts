import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe } from 'vitest';

/** Where a program is: on PATH, or in one of `extraDirs` (Debian puts daemons in /usr/sbin). */
export function findBinary(name: string, extraDirs: readonly string[] = ['/usr/sbin', '/usr/local/sbin', '/sbin']) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...extraDirs];
  return dirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
}

/**
 * `describe` when what the suite needs is installed. Without it: locally, the suite is skipped
 * with a loud message; under CI=true it fails, because a skipped suite proves nothing.
 */
export function describeIfInstalled(installed: boolean, hint: string, name: string, body: () => void): void {
  if (installed) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`CI=true and a missing program: ${hint}`);
    });
    return;
  }
  console.warn(`\n${'!'.repeat(80)}\n!! SKIPPING "${name}": ${hint}\n${'!'.repeat(80)}\n`);
  describe.skip(name, body);
}
