import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProduct } from '../contenders/product.ts';
import { runLoad, verifyContender } from '../measure/http.ts';
import { summariseProfile } from '../measure/profile.ts';
import type { BenchOptions } from '../options.ts';
import type { BenchResults } from '../results.ts';

const INTERVAL_US = 100;

/** The monotonic clock in µs: the one V8's profiler stamps its samples with. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * The product's GET /api/me under the same load, in a server started with `node --cpu-prof`
 * (sampling every 100 µs); the profile is written when the server exits on SIGTERM.
 */
export async function runProfilePhase(
  stubUrl: string,
  dbPath: string,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<BenchResults['profile']> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  try {
    const product = await startProduct({
      key: 'profiled',
      label: 'product (profiled)',
      notes: '',
      stubUrl,
      store: 'sqlite',
      dbPath,
      nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', String(INTERVAL_US)],
    });
    let rps = NaN;
    const window = { fromUs: 0, toUs: 0 };
    try {
      await verifyContender(product);
      await runLoad(product, { connections: options.connections, seconds: Math.min(3, options.profileSeconds) });
      window.fromUs = nowUs();
      const r = await runLoad(product, { connections: options.connections, seconds: options.profileSeconds });
      window.toUs = nowUs();
      rps = r.rps;
    } finally {
      await product.server.stop();
    }
    const summary = summariseProfile(dir, window);
    log(`profile: ${(summary.busyMs / 1000).toFixed(1)} s busy, ${rps.toFixed(0)} req/s while profiled`);
    return { ...summary, seconds: options.profileSeconds, rps, intervalUs: INTERVAL_US };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
