import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildBaselineApp, measureInitialAssets } from '../measure/bundle.ts';
import { CHROMIUM_PATH, measurePageLoads } from '../measure/page.ts';
import type { BenchOptions } from '../options.ts';
import type { BenchResults } from '../results.ts';
import { ROOT } from '../support/paths.ts';
import { serveStatic } from '../support/static-server.ts';

/** Initial JS + CSS of the built SPA against a bare React 19 app, then signed-in page loads. */
export async function runPagePhase(
  origin: string,
  cookie: string,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<BenchResults['page']> {
  const product = measureInitialAssets(join(ROOT, 'apps/web/dist'));
  const baselineDir = await buildBaselineApp();
  const baseline = measureInitialAssets(baselineDir);
  const ownCodeGzip = product.jsGzip + product.cssGzip - (baseline.jsGzip + baseline.cssGzip);
  log(`page: product ${product.jsGzip + product.cssGzip} B gz, baseline ${baseline.jsGzip + baseline.cssGzip} B gz`);
  if (!existsSync(CHROMIUM_PATH)) {
    return { skipped: `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)` };
  }
  // The baseline from a server of its own on localhost, loaded the same way, interleaved.
  const baselineServer = await serveStatic(baselineDir);
  try {
    const loads = await measurePageLoads(
      [
        { name: 'signedIn', url: origin, cookieHeader: cookie, headingId: 'welcome-heading' },
        { name: 'signedOut', url: origin, headingId: 'signed-out-heading' },
        { name: 'baseline', url: baselineServer.url, headingId: 'welcome-heading' },
      ],
      options.pageLoads,
    );
    const [signedIn, signedOut, react] = [loads.signedIn, loads.signedOut, loads.baseline];
    if (!signedIn || !signedOut || !react) throw new Error('a page target was not measured');
    log(
      `page: first frame, median of ${signedIn.runs}: signed in ${signedIn.medianMs.toFixed(0)} ms, ` +
        `signed out ${signedOut.medianMs.toFixed(0)} ms, React baseline ${react.medianMs.toFixed(0)} ms`,
    );
    return { product, baseline, ownCodeGzip, loads: signedIn, signedOutLoads: signedOut, baselineLoads: react };
  } finally {
    await baselineServer.close();
  }
}
