import { findChromium, launchChromium as launchTestChromium } from '@github-bff/tests/e2e/support/chromium.ts';
import type { Browser } from 'playwright-core';
import { quantile } from './stats.ts';

declare global {
  interface Window {
    __benchRendered?: number;
  }
}

export interface PageLoads {
  readonly runs: number;
  /** ms from navigation start to the frame after the signed-in heading appeared. */
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samples: readonly number[];
}

/**
 * Runs in the page before its own scripts. A string, not a function: tsx would wrap a function's
 * inner functions in a `__name` helper that does not exist in the page.
 */
const MARK_RENDERED = `
  const seen = () => {
    if (!document.getElementById('welcome-heading')) return false;
    requestAnimationFrame(() => { window.__benchRendered = performance.now(); });
    return true;
  };
  new MutationObserver((records, observer) => { if (seen()) observer.disconnect(); })
    .observe(document, { childList: true, subtree: true });
`;

export const CHROMIUM_PATH = findChromium() ?? '/usr/bin/chromium';

/** Launched exactly as the end-to-end tests launch it. */
export function launchChromium(): Promise<Browser> {
  return launchTestChromium(CHROMIUM_PATH);
}

/**
 * Opens the production server's page signed in (the session cookie placed in a fresh browser
 * context: an empty cache every time) and times navigation start → the first frame after the
 * "Welcome" heading is in the DOM, read from the page's own clock (performance.now()).
 */
export async function measurePageLoads(origin: string, cookieHeader: string, runs: number): Promise<PageLoads> {
  const browser = await launchChromium();
  const cookies = cookieHeader.split('; ').map((pair) => {
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: origin };
  });
  const samples: number[] = [];
  try {
    // One unmeasured load: Chromium's own first-start work is not the page's.
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext();
      await context.addCookies(cookies);
      await context.addInitScript(MARK_RENDERED);
      const page = await context.newPage();
      await page.goto(origin, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(() => window.__benchRendered, undefined, { timeout: 30_000 });
      const ms = (await handle.jsonValue()) as number;
      if (i > 0) samples.push(ms);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs,
    medianMs: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    minMs: sorted[0] ?? NaN,
    maxMs: sorted[sorted.length - 1] ?? NaN,
    samples,
  };
}
