export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts attempts per key in fixed windows; `hit` counts one and says whether it may go on. */
export interface RateLimiter {
  hit(key: string): Promise<RateLimitResult>;
  close(): Promise<void>;
}

export interface RateLimitPolicy {
  readonly limit: number;
  readonly windowMs: number;
}

/** Seconds until the window that `now` falls in ends (at least 1). */
export function secondsLeftInWindow(now: number, windowMs: number): number {
  return Math.max(1, Math.ceil((windowMs - (now % windowMs)) / 1000));
}
