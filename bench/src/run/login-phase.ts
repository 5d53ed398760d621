import type { RunningProduct } from '../contenders/product.ts';
import { measureLogins, type LoginResult } from '../measure/login.ts';
import type { BenchOptions } from '../options.ts';
import type { BenchResults } from '../results.ts';

/** Sign-ins per second through the stand-in, each product store in turn, interleaved by round. */
export async function runLoginPhase(
  products: readonly RunningProduct[],
  stubPid: number,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<BenchResults['login']> {
  const rounds = new Map<string, LoginResult[]>(products.map((p) => [p.key, []]));
  const settings = { concurrency: options.loginConcurrency, seconds: options.loginSeconds };
  for (const p of products) await measureLogins(p.publicUrl, p.server.pid, stubPid, { ...settings, seconds: 1 });
  for (let round = 1; round <= options.loginRounds; round++) {
    for (const p of round % 2 === 1 ? products : [...products].reverse()) {
      const r = await measureLogins(p.publicUrl, p.server.pid, stubPid, settings);
      rounds.get(p.key)!.push(r);
      log(
        `login round ${round}/${options.loginRounds} ${p.label.padEnd(28)} ${r.perSecond.toFixed(1)} sign-ins/s` +
          `  BFF ${r.bffCpuMs.toFixed(2)} ms CPU, stand-in ${r.stubCpuMs.toFixed(2)} ms CPU per sign-in` +
          (r.failed ? `  FAILED ${r.failed}: ${r.firstError}` : ''),
      );
    }
  }
  return products.map((p) => ({ key: p.key, label: p.label, rounds: rounds.get(p.key)! }));
}
