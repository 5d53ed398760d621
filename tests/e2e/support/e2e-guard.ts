import { describe } from 'vitest';
import { findChromium, INSTALL_HINT } from './chromium.ts';

/**
 * `describe` when Chromium is here. Without it: locally, the suite is skipped with a loud
 * message; under CI=true it fails, because a skipped suite proves nothing.
 */
export function describeWithChromium(name: string, body: (chromiumPath: string) => void): void {
  const path = findChromium();
  if (path) {
    describe(name, () => body(path));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`CI=true and no Chromium: ${INSTALL_HINT}`);
    });
    return;
  }
  console.warn(`\n${'!'.repeat(80)}\n!! SKIPPING "${name}": ${INSTALL_HINT}\n${'!'.repeat(80)}\n`);
  describe.skip(name, () => body(''));
}
