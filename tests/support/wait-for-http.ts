import type { SpawnedProcess } from './child-process.ts';
import { waitUntil, WaitTimeoutError } from './wait.ts';

export interface WaitForHttpOptions {
  readonly headers?: Record<string, string>;
  /** Whether an answer means ready; default: any status below 500 (redirects are not followed). */
  readonly ready?: (status: number) => boolean;
  /** Default 30 s. */
  readonly timeoutMs?: number;
  /** Default 100 ms. */
  readonly intervalMs?: number;
}

/**
 * Polls `url` until `child` answers it. Fails at once, with the child's output, when the child
 * exits first (a server that refused its configuration), and with the output when time runs out.
 */
export async function waitForHttp(
  child: SpawnedProcess,
  url: string,
  { headers = {}, ready = (status) => status < 500, timeoutMs = 30_000, intervalMs = 100 }: WaitForHttpOptions = {},
): Promise<void> {
  try {
    await waitUntil(
      async () => {
        if (child.hasExited()) throw new Error(`${child.name} exited before answering ${url}:\n${child.output()}`);
        try {
          const res = await fetch(url, { headers, redirect: 'manual' });
          await res.arrayBuffer();
          return ready(res.status);
        } catch {
          return false; // not listening yet
        }
      },
      { what: `${child.name} to answer ${url}`, timeoutMs, intervalMs },
    );
  } catch (err) {
    if (!(err instanceof WaitTimeoutError)) throw err;
    throw new Error(`${err.message}:\n${child.output()}`, { cause: err });
  }
}
