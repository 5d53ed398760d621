import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { useProductInBrowser } from './support/browser-session.ts';
import { describeWithChromium } from './support/e2e-guard.ts';
import { signInThroughPage, stubControl } from './support/pages.ts';
import type { RunningProduct } from './support/product.ts';

describeWithChromium('your sessions, in a real browser against the production server', (chromiumPath) => {
  const running = useProductInBrowser('production', chromiumPath);
  let product: RunningProduct;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeEach(async () => {
    ({ product, browser } = running());
    await stubControl(product, 'reset', {});
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  /** A browser of its own (its own cookies), signed in as mona. */
  async function signedInDevice() {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) cspErrors.push(msg.text());
    });
    await page.goto(product.url);
    await signInThroughPage(page, 'mona');
    return { page, cspErrors };
  }

  it('"Sign out other devices" signs the other browser out and leaves this one listed alone', async () => {
    const b = await signedInDevice();
    const a = await signedInDevice();
    const sessions = a.page.getByRole('region', { name: 'Your sessions' });
    const items = sessions.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.filter({ hasText: 'This device' }).count()).toBe(1);
    expect(await items.filter({ hasText: 'Chrome on Linux' }).count()).toBe(2);
    await sessions.getByRole('button', { name: /^Sign out session Chrome on Linux, last seen/ }).waitFor();
    const axe = await new AxeBuilder({ page: a.page }).include('.sessions').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

    await sessions.getByRole('button', { name: 'Sign out other devices' }).click();

    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('This device');
    expect(await sessions.getByRole('button', { name: 'Sign out other devices' }).count()).toBe(0);
    // Coming back to the tab makes B's page ask /api/me again.
    await b.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await b.page.getByRole('button', { name: 'Sign in with GitHub' }).waitFor({ timeout: 5000 });
    // A stays signed in, on the server too.
    await a.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    const status = await a.page.evaluate(() => fetch('/api/me', { headers: { 'X-CSRF': '1' } }).then((r) => r.status));
    expect(status).toBe(200);
    expect([...a.cspErrors, ...b.cspErrors]).toEqual([]);
  });
});
