import { describe, expect, it } from 'vitest';
import { RECHECK_JITTER, withJitter } from './recheck-access.ts';

describe('withJitter', () => {
  it('never comes back sooner than the wait, and at most a quarter (or 5 s) later', () => {
    expect(withJitter(60_000, () => 0)).toBe(60_000);
    expect(withJitter(60_000, () => 0.999_999)).toBeLessThan(60_000 * (1 + RECHECK_JITTER));
    expect(withJitter(1_000, () => 0.999_999)).toBeLessThan(6_000);
  });

  it('spreads many sessions postponed at once over the window', () => {
    const times = new Set(Array.from({ length: 100 }, () => withJitter(3_600_000)));
    expect(times.size).toBeGreaterThan(90);
  });
});
