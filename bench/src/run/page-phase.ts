import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildBaselineApp, measureInitialAssets } from '../measure/bundle.ts';
import { CHROMIUM_PATH, measurePageLoads } from '../measure/page.ts';
import type { BenchOptions } from '../options.ts';
import type { BenchResults } from '../results.ts';
import { ROOT } from '../support/paths.ts';

/** Initial JS + CSS of the built SPA against a bare React 19 app, then signed-in page loads. */
export async function runPagePhase(
  origin: string,
  cookie: string,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<BenchResults['page']> {
  const product = measureInitialAssets(join(ROOT, 'apps/web/dist'));
  const baseline = measureInitialAssets(await buildBaselineApp());
  const ownCodeGzip = product.jsGzip + product.cssGzip - (baseline.jsGzip + baseline.cssGzip);
  log(`page: product ${product.jsGzip + product.cssGzip} B gz, baseline ${baseline.jsGzip + baseline.cssGzip} B gz`);
  if (!existsSync(CHROMIUM_PATH)) {
    return { skipped: `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)` };
  }
  const loads = await measurePageLoads(origin, cookie, options.pageLoads);
  log(`page: signed-in render median ${loads.medianMs.toFixed(0)} ms over ${loads.runs} loads`);
  return { product, baseline, ownCodeGzip, loads };
}
