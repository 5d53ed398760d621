/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface WaitOptions {
  /** What is waited for, for the message when it does not come ("redis-server to answer PING"). */
  readonly what: string;
  /** Default 10 s. */
  readonly timeoutMs?: number;
  /** Default 50 ms between checks. */
  readonly intervalMs?: number;
}

/** waitUntil's time ran out; the message names what it waited for and how long. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
}

/**
 * Calls `check` until it returns true, then resolves. A check that throws ends the wait with
 * its error at once (a process that died will not start answering), so callers fail early and
 * say why instead of waiting out the time. The last check runs after the deadline has passed,
 * so a slow first answer still counts.
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  { what, timeoutMs = 10_000, intervalMs = 50 }: WaitOptions,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pastDeadline = Date.now() > deadline;
    if (await check()) return;
    if (pastDeadline) throw new WaitTimeoutError(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(intervalMs);
  }
}
