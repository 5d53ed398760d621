import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.ts';
import { startProduct, type Mode, type RunningProduct } from './product.ts';

export interface ProductInBrowser {
  readonly product: RunningProduct;
  readonly browser: Browser;
}

/**
 * Starts the product and Chromium for a suite (beforeAll) and stops both after it. The first
 * page load happens here, unmeasured: Vite optimises dependencies on it and may reload once.
 * Use the returned getter from hooks and tests.
 */
export function useProductInBrowser(
  mode: Mode,
  chromiumPath: string,
  env: Record<string, string> = {},
): () => ProductInBrowser {
  let running: ProductInBrowser | undefined;
  beforeAll(async () => {
    const product = await startProduct(mode, env);
    const browser = await launchChromium(chromiumPath);
    running = { product, browser };
    const warmUp = await browser.newPage();
    await warmUp.goto(product.url);
    await warmUp.getByRole('button', { name: 'Sign in with GitHub' }).waitFor({ timeout: 60_000 });
    await warmUp.close();
  });
  afterAll(async () => {
    await running?.browser.close();
    await running?.product.close();
  });
  return () => {
    if (!running) throw new Error('the product is not started yet: use it from a hook or a test');
    return running;
  };
}
