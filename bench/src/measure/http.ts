import autocannon from 'autocannon';
import type { Contender } from '../contenders/contender.ts';
import { getJson } from '../support/http-client.ts';
import { quantile } from './stats.ts';

export interface LoadResult {
  /** 2xx answers per second. */
  readonly rps: number;
  /** Latency of 2xx answers, ms, recorded with sub-millisecond precision. */
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly ok: number;
  /** Non-2xx answers, socket errors and timeouts. */
  readonly errors: number;
  readonly seconds: number;
}

export interface LoadOptions {
  readonly connections: number;
  readonly seconds: number;
}

/**
 * Refuses to measure anything but the signed-in answer: each cookie tried (up to 20, at random)
 * must get 200 with the expected user. A benchmark of 401s is worthless.
 */
export async function verifyContender(c: Contender): Promise<void> {
  const indexes = c.cookies.length <= 20 ? c.cookies.map((_, i) => i) : sample(c.cookies.length, 20);
  for (const i of indexes) {
    const cookie = c.cookies[i];
    const { status, json } = await getJson(c.url, { ...c.headers, ...(cookie ? { cookie } : {}) });
    const login = c.loginOf(json);
    if (status !== 200 || login !== c.expectedLogins[i]) {
      throw new Error(
        `${c.label}: cookie #${i} got ${status} ${JSON.stringify(json).slice(0, 200)} instead of 200 for ${c.expectedLogins[i]}`,
      );
    }
  }
}

/** autocannon in this process; each request carries one of the contender's cookies at random. */
export async function runLoad(c: Contender, { connections, seconds }: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const many = c.cookies.length > 1;
  const first = c.cookies[0];
  const instance = autocannon({
    url: c.url,
    connections,
    duration: seconds,
    headers: { ...c.headers, ...(first ? { cookie: first } : {}) },
    ...(many
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                headers: { ...req.headers, cookie: c.cookies[Math.floor(Math.random() * c.cookies.length)]! },
              }),
            },
          ],
        }
      : {}),
    // Without a callback autocannon returns its instance made thenable; the types only know one side.
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  const ok = result['2xx'];
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    rps: ok / result.duration,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    mean: sorted.length ? total / sorted.length : NaN,
    ok,
    errors: result.non2xx + result.errors + result.timeouts,
    seconds: result.duration,
  };
}

function sample(size: number, count: number): number[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(size, count)) picked.add(Math.floor(Math.random() * size));
  return [...picked];
}
