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
 * Runs in the page before its own scripts: records the first frame after an element with one of
 * the ids in `window.__benchHeadings` is in the DOM. A string, not a function: tsx would wrap a
 * function's inner functions in a `__name` helper that does not exist in the page.
 */
const markRendered = (headingId: string) => `
  const seen = () => {
    if (!document.getElementById(${JSON.stringify(headingId)})) return false;
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

/** One page to time: where, with which cookies (a `Cookie` header's pairs), until which element. */
export interface PageTarget {
  readonly name: string;
  readonly url: string;
  readonly cookieHeader?: string;
  readonly headingId: string;
}

/**
 * Opens each target in a fresh browser context (an empty cache every time) and times navigation
 * start → the first frame after its heading is in the DOM, read from the page's own clock
 * (performance.now()). Interleaved: every round loads each target once, in a new random order,
 * so whatever else the machine does weighs on all of them alike.
 */
export async function measurePageLoads(
  targets: readonly PageTarget[],
  runs: number,
): Promise<Record<string, PageLoads>> {
  const browser = await launchChromium();
  const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  try {
    // One unmeasured round: Chromium's own first-start work is not the page's.
    for (let i = 0; i <= runs; i++) {
      for (const target of shuffled(targets)) {
        const ms = await loadOnce(browser, target);
        if (i > 0) samples.get(target.name)?.push(ms);
      }
    }
  } finally {
    await browser.close();
  }
  return Object.fromEntries(targets.map((t) => [t.name, summarise(samples.get(t.name) ?? [], runs)]));
}

async function loadOnce(browser: Browser, target: PageTarget): Promise<number> {
  const context = await browser.newContext();
  try {
    const cookies = (target.cookieHeader ?? '')
      .split('; ')
      .filter(Boolean)
      .map((pair) => {
        const eq = pair.indexOf('=');
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: target.url };
      });
    if (cookies.length > 0) await context.addCookies(cookies);
    await context.addInitScript(markRendered(target.headingId));
    const page = await context.newPage();
    await page.goto(target.url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => window.__benchRendered, undefined, { timeout: 30_000 });
    return (await handle.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function summarise(samples: readonly number[], runs: number): PageLoads {
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
