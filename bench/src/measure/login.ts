import { signInThroughStub } from '../contenders/sign-in.ts';
import { readCpuMs } from './memory.ts';
import { quantile } from './stats.ts';

export interface LoginResult {
  /** Complete sign-ins (ending signed in) per second. */
  readonly perSecond: number;
  readonly completed: number;
  readonly failed: number;
  /** Wall time of a whole sign-in (three hops), ms. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Median wall time of each hop, ms. */
  readonly loginHopMs: number;
  readonly authorizeHopMs: number;
  readonly callbackHopMs: number;
  /** CPU time per sign-in, ms, of each process (from /proc): who did the work. */
  readonly bffCpuMs: number;
  readonly stubCpuMs: number;
  readonly clientCpuMs: number;
  readonly firstError?: string;
}

/**
 * `concurrency` browsers, each signing in again and again (a fresh cookie jar each time) for
 * `seconds`. The stand-in runs in its own process, so the CPU each side spent is read from
 * /proc: the BFF's own share of a sign-in is its CPU time, whatever the stand-in costs.
 */
export async function measureLogins(
  bffUrl: string,
  bffPid: number,
  stubPid: number,
  { concurrency, seconds }: { concurrency: number; seconds: number },
): Promise<LoginResult> {
  const totals: number[] = [];
  const hops = { login: [] as number[], authorize: [] as number[], callback: [] as number[] };
  let failed = 0;
  let firstError: string | undefined;
  const bffBefore = readCpuMs(bffPid);
  const stubBefore = readCpuMs(stubPid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const browser = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      try {
        const r = await signInThroughStub(bffUrl);
        totals.push(performance.now() - t);
        hops.login.push(r.loginMs);
        hops.authorize.push(r.authorizeMs);
        hops.callback.push(r.callbackMs);
      } catch (err) {
        failed++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, browser));
  const elapsed = (performance.now() - started) / 1000;
  const client = process.cpuUsage(clientBefore);
  const completed = totals.length;
  const per = (ms: number) => (completed > 0 ? ms / completed : NaN);
  const med = (values: number[]) =>
    quantile(
      values.sort((a, b) => a - b),
      0.5,
    );
  totals.sort((a, b) => a - b);
  return {
    perSecond: completed / elapsed,
    completed,
    failed,
    p50Ms: quantile(totals, 0.5),
    p99Ms: quantile(totals, 0.99),
    loginHopMs: med(hops.login),
    authorizeHopMs: med(hops.authorize),
    callbackHopMs: med(hops.callback),
    bffCpuMs: per(readCpuMs(bffPid) - bffBefore),
    stubCpuMs: per(readCpuMs(stubPid) - stubBefore),
    clientCpuMs: per((client.user + client.system) / 1000),
    ...(firstError === undefined ? {} : { firstError }),
  };
}
