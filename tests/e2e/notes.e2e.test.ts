import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { useProductInBrowser } from './support/browser-session.ts';
import { describeWithChromium } from './support/e2e-guard.ts';
import { signInThroughPage } from './support/pages.ts';
import type { Mode, RunningProduct } from './support/product.ts';

for (const mode of ['production', 'dev'] as const satisfies readonly Mode[]) {
  describeWithChromium(
    `"Your notes" (the example backend behind the BFF) against ${mode === 'dev' ? '`npm run dev`' : 'the production server'}`,
    (chromiumPath) => {
      const running = useProductInBrowser(mode, chromiumPath);
      let product: RunningProduct;
      let browser: Browser;
      let context: BrowserContext;
      const cspErrors: string[] = [];

      beforeEach(async () => {
        ({ product, browser } = running());
        context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
        context.setDefaultTimeout(10_000);
        cspErrors.length = 0;
      });
      afterEach(async () => {
        await context.close();
      });

      async function tab(): Promise<Page> {
        const page = await context.newPage();
        page.on('console', (msg) => {
          if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text()))
            cspErrors.push(msg.text());
        });
        await page.goto(product.url);
        return page;
      }
      const notes = (page: Page) => page.getByRole('region', { name: 'Your notes' });

      it('a note added in one tab shows in the other at once, and a delete too', async () => {
        const first = await tab();
        await signInThroughPage(first, 'hubot');
        const second = await tab();
        await second.getByRole('heading', { name: /Welcome/ }).waitFor();
        await notes(first).getByText('No notes yet.').waitFor();
        await notes(second).getByText('No notes yet.').waitFor();

        const text = `Groceries ${Date.now()}`;
        await notes(first).getByLabel('New note').fill(text);
        await notes(first).getByRole('button', { name: 'Add note' }).click();
        await notes(first).getByText(text).waitFor();
        // No reload, no focus: the other tab hears it over its WebSocket.
        await notes(second).getByText(text).waitFor({ timeout: 5000 });

        await notes(second)
          .getByRole('button', { name: `Delete note: ${text}` })
          .click();
        await notes(first).getByText('No notes yet.').waitFor({ timeout: 5000 });

        const axe = await new AxeBuilder({ page: first }).include('.notes').analyze();
        expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
        if (mode === 'production') expect(cspErrors).toEqual([]);
      });

      it('signing out closes the live updates, and the other tab turns signed-out', async () => {
        const first = await tab();
        await signInThroughPage(first, 'nameless');
        const second = await tab();
        await notes(second)
          .getByText(/No notes yet|.+/)
          .first()
          .waitFor();
        await first.getByRole('button', { name: 'Sign out' }).click();
        await second.getByRole('button', { name: 'Sign in with GitHub' }).waitFor({ timeout: 5000 });
      });
    },
  );
}
