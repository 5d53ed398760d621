import type { BenchResults, MeasuredLoad, Target } from '../results.ts';
import { median } from '../measure/stats.ts';
import { proxyTargets } from './proxy-section.ts';

/** "Product code ≤ 8 kB gzipped": kB as Vite reports it, 1000 bytes. */
export const OWN_CODE_BUDGET = 8000;
export const IDLE_MEMORY_BUDGET_MB = 80;

/**
 * Per-round ratio a/b: both ran in the same round, moments apart, so the ratio is steadier than
 * a ratio of medians. Median and range over the rounds.
 */
export function roundRatios(
  a: MeasuredLoad,
  b: MeasuredLoad,
  field: 'rps' | 'p99',
): { median: number; min: number; max: number } {
  const ratios = a.rounds.map((r, i) => r[field] / (b.rounds[i]?.[field] ?? NaN)).filter(Number.isFinite);
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

export function evaluateTargets(r: Omit<BenchResults, 'targets'>): Target[] {
  const by = (key: string) => r.load.find((m) => m.key === key);
  const product = by('product-sqlite');
  const targets: Target[] = [];
  const ratio = (
    name: string,
    target: string,
    a: MeasuredLoad | undefined,
    b: MeasuredLoad | undefined,
    at: number,
    field: 'rps' | 'p99' = 'rps',
  ) => {
    if (!a || !b) {
      targets.push({ name, target, measured: 'not measured', met: null });
      return;
    }
    const x = roundRatios(a, b, field);
    const met = field === 'rps' ? x.median >= at : x.median <= at;
    targets.push({
      name,
      target,
      measured: `${x.median.toFixed(2)}× (rounds ${x.min.toFixed(2)}–${x.max.toFixed(2)})`,
      met,
    });
  };
  ratio('/api/me throughput vs bare Koa', '≥ 0.7×', product, by('bare-koa'), 0.7);
  ratio('/api/me throughput vs Koa + koa-session (Map store)', '≥ 1.0×', product, by('koa-session'), 1.0);
  ratio('/api/me throughput vs Auth.js', '≥ 10×', product, by('authjs'), 10);
  ratio('/api/me throughput vs express-session + Passport', '≥ 3×', product, by('passport'), 3);
  ratio('/api/me p99 at 32 connections vs bare Koa', '≤ 2×', product, by('bare-koa'), 2, 'p99');
  ratio('Throughput with the large store vs the small one', '≥ 0.9×', by('store-large'), by('store-small'), 0.9);
  if ('skipped' in r.page) {
    targets.push({ name: "Page: product's own code, gzipped", target: '≤ 8 kB', measured: r.page.skipped, met: null });
  } else {
    const own = r.page.ownCodeGzip;
    targets.push({
      name: "Page: product's own code, gzipped",
      target: '≤ 8 kB',
      measured: `${(own / 1000).toFixed(1)} kB`,
      met: own <= OWN_CODE_BUDGET,
    });
    const react = r.page.baselineLoads;
    for (const [name, loads] of [
      ['signed-in', r.page.loads],
      ['signed-out', r.page.signedOutLoads],
    ] as const) {
      if (!react || !loads) continue;
      const ratio = loads.medianMs / react.medianMs;
      targets.push({
        name: `Page: ${name} first frame vs the smallest React 19 app`,
        target: '≤ 1.25×',
        measured: `${ratio.toFixed(2)}× (${loads.medianMs.toFixed(0)} vs ${react.medianMs.toFixed(0)} ms)`,
        met: ratio <= 1.25,
      });
    }
  }
  if (product) {
    const idle = product.memory.idleMb;
    targets.push({
      name: 'Server memory (RSS) at idle',
      target: '< 80 MB',
      measured: `${idle.toFixed(1)} MB`,
      met: idle < IDLE_MEMORY_BUDGET_MB,
    });
  }
  targets.push(...proxyTargets(r));
  return targets;
}
