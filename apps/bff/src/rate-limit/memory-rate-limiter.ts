import { secondsLeftInWindow, type RateLimiter, type RateLimitPolicy } from './rate-limiter.ts';

/** One process's counts (the SQLite setup runs one instance, so nothing needs sharing). */
export function createMemoryRateLimiter({ limit, windowMs }: RateLimitPolicy, now: () => number): RateLimiter {
  let window = -1;
  let counts = new Map<string, number>();
  return {
    async hit(key) {
      const t = now();
      const current = Math.floor(t / windowMs);
      // A new window forgets the old one wholesale: memory stays bounded by one window's keys.
      if (current !== window) {
        window = current;
        counts = new Map();
      }
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return count <= limit
        ? { allowed: true }
        : { allowed: false, retryAfterSeconds: secondsLeftInWindow(t, windowMs) };
    },
    async close() {
      counts.clear();
    },
  };
}
