import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { useProductInBrowser } from './support/browser-session.ts';
import { describeWithChromium } from './support/e2e-guard.ts';
import { answerOnGitHub, signInThroughPage, stubControl } from './support/pages.ts';
import type { Mode, RunningProduct } from './support/product.ts';

// `npm test` leaves the working tree clean: its screenshots go to an ignored folder.
// `npm run screenshots` points this at docs/screenshots to refresh the README's.
const SCREENSHOTS = resolve(import.meta.dirname, '../..', process.env.SCREENSHOTS_DIR ?? 'test-results/screenshots');

for (const mode of ['production', 'dev'] as const satisfies readonly Mode[]) {
  describeWithChromium(
    `in a real browser against ${mode === 'dev' ? '`npm run dev`' : 'the production server'}`,
    (chromiumPath) => {
      const running = useProductInBrowser(mode, chromiumPath);
      let product: RunningProduct;
      let browser: Browser;
      let context: BrowserContext;
      let page: Page;
      const consoleErrors: string[] = [];

      beforeEach(async () => {
        ({ product, browser } = running());
        await stubControl(product, 'reset', {});
        context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
        context.setDefaultTimeout(10_000);
        page = await context.newPage();
        consoleErrors.length = 0;
        page.on('console', (msg) => {
          if (msg.type() === 'error') consoleErrors.push(msg.text());
        });
      });
      afterEach(async () => {
        await context.close();
      });

      it('signs in from a deep link and lands back on it, greeted by name', async () => {
        await page.goto(`${product.url}/projects/42?tab=files#readme`);
        await signInThroughPage(page, 'mona');
        expect(new URL(page.url()).pathname + new URL(page.url()).search + new URL(page.url()).hash).toBe(
          '/projects/42?tab=files#readme',
        );
        await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('Mona Lisa Octocat');
        expect(await page.getByTestId('user-email').textContent()).toBe('mona@example.com');
        expect(await page.getByTestId('user-avatar').getAttribute('alt')).toBeTruthy();
        if (mode === 'production') {
          // Not one Content-Security-Policy violation on the way.
          expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
        }
      });

      it('asks /api/me and /api/meta once per load: the app uses what the head script asked', async () => {
        await page.goto(product.url);
        await signInThroughPage(page, 'mona');
        const asked: string[] = [];
        page.on('request', (request) => {
          const { pathname } = new URL(request.url());
          if (pathname.startsWith('/api/') || pathname.startsWith('/assets/') || pathname.endsWith('.tsx'))
            asked.push(pathname);
        });
        await page.reload();
        await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('Mona Lisa Octocat');
        // Counted in production only: in development React's StrictMode runs every effect twice
        // on purpose, and Vite may reload the page while it optimises dependencies.
        if (mode === 'production') {
          expect(asked.filter((p) => p === '/api/me')).toEqual(['/api/me']);
          expect(asked.filter((p) => p === '/api/meta')).toEqual(['/api/meta']);
        }
        expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
      });

      it('a crafted login link with dot segments in returnTo still ends on our own origin', async () => {
        // Each of these once ended on //evil.example after a genuine sign-in (an open redirect).
        for (const returnTo of [
          '/.//evil.example/x',
          '/x/..//evil.example',
          '/%2e//evil.example',
          '/.///evil.example',
        ]) {
          const offSite: string[] = [];
          page.on('request', (request) => {
            if (!request.url().startsWith(product.url) && !request.url().startsWith(product.stubUrl)) {
              offSite.push(request.url());
            }
          });
          await page.goto(`${product.url}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
          await answerOnGitHub(page, 'mona');
          await page.getByRole('heading', { name: /Welcome/ }).waitFor();
          expect(new URL(page.url()).origin).toBe(product.url);
          expect(offSite).toEqual([]);
          page.removeAllListeners('request');
        }
      });

      it('shows the private-email user their primary verified address', async () => {
        await page.goto(product.url);
        await signInThroughPage(page, 'hubot');
        await expect.poll(() => page.getByTestId('user-email').textContent()).toBe('hubot@private.example');
      });

      it('shows the login when the name is empty', async () => {
        await page.goto(product.url);
        await signInThroughPage(page, 'nameless');
        await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('nameless');
      });

      it('denying on GitHub shows a clear message, dismissable, and the URL loses auth_error', async () => {
        await page.goto(`${product.url}/somewhere`);
        await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
        await answerOnGitHub(page, 'mona', 'Cancel');
        const alert = page.getByTestId('auth-error');
        await alert.waitFor();
        expect(await alert.textContent()).toMatch(/cancel|denied|not signed in/i);
        await expect.poll(() => new URL(page.url()).search).toBe('');
        await page.getByRole('button', { name: /dismiss/i }).click();
        await alert.waitFor({ state: 'detached' });
        await page.getByRole('button', { name: 'Sign in with GitHub' }).waitFor();
      });

      it('signs out without a reload, and the server session is gone', async () => {
        await page.goto(product.url);
        await signInThroughPage(page);
        await page.evaluate(() => Object.assign(window, { __marker: 'same-document' }));
        await page.getByRole('button', { name: 'Sign out', exact: true }).click();
        await page.getByRole('button', { name: 'Sign in with GitHub' }).waitFor();
        expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe('same-document');
        const status = await page.evaluate(() =>
          fetch('/api/me', { headers: { 'X-CSRF': '1' } }).then((r) => r.status),
        );
        expect(status).toBe(401);
      });

      it('signing out in one tab signs out the other', async () => {
        await page.goto(product.url);
        await signInThroughPage(page);
        const other = await context.newPage();
        await other.goto(product.url);
        await other.getByRole('heading', { name: /Welcome/ }).waitFor();
        await page.getByRole('button', { name: 'Sign out', exact: true }).click();
        await other.getByRole('button', { name: 'Sign in with GitHub' }).waitFor({ timeout: 5000 });
      });

      it('a session deleted on the server turns the page signed-out on its next call', async () => {
        await page.goto(product.url);
        await signInThroughPage(page);
        const db = new Database(product.dbPath);
        try {
          expect(db.prepare('DELETE FROM sessions').run().changes).toBeGreaterThan(0);
        } finally {
          db.close();
        }
        // Coming back to the tab makes the page ask /api/me again.
        await page.evaluate(() => window.dispatchEvent(new Event('focus')));
        await page.getByRole('button', { name: 'Sign in with GitHub' }).waitFor({ timeout: 5000 });
      });

      it('signs in with the keyboard alone', async () => {
        await page.goto(`${product.url}/keyboard`);
        await page.getByRole('button', { name: 'Sign in with GitHub' }).waitFor();
        let focused = '';
        for (let i = 0; i < 10 && !/Sign in with GitHub/.test(focused); i++) {
          await page.keyboard.press('Tab');
          focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
        }
        expect(focused).toMatch(/Sign in with GitHub/);
        await page.keyboard.press('Enter');
        await page.waitForURL((url) => url.pathname === '/login/oauth/authorize');
        // On the stand-in: the first user is preselected; Tab to "Authorize" and press Enter.
        let onAuthorize = false;
        for (let i = 0; i < 15 && !onAuthorize; i++) {
          await page.keyboard.press('Tab');
          onAuthorize = await page.evaluate(() => document.activeElement?.textContent === 'Authorize');
        }
        expect(onAuthorize).toBe(true);
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: /Welcome/ }).waitFor();
        expect(new URL(page.url()).pathname).toBe('/keyboard');
        // Sign out by keyboard too: the focus ring must be visible on the button.
        await page.getByRole('button', { name: 'Sign out', exact: true }).focus();
        const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
        expect(outline).not.toBe('none');
        await page.keyboard.press('Enter');
        await page.getByRole('button', { name: 'Sign in with GitHub' }).waitFor();
      });

      it('has no serious accessibility violations, signed out and signed in, light and dark', async () => {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          await page.goto(product.url);
          await page.getByRole('button', { name: 'Sign in with GitHub' }).waitFor();
          await expectNoSeriousViolations(page, `signed out, ${colorScheme}`);
          await signInThroughPage(page);
          await expectNoSeriousViolations(page, `signed in, ${colorScheme}`);
          await page.getByRole('button', { name: 'Sign out', exact: true }).click();
          await page.getByRole('button', { name: 'Sign in with GitHub' }).waitFor();
        }
      });

      if (mode === 'production') {
        it('saves screenshots of the signed-out and signed-in pages', async () => {
          mkdirSync(SCREENSHOTS, { recursive: true });
          for (const colorScheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme });
            await page.goto(product.url);
            await page.getByRole('button', { name: 'Sign in with GitHub' }).waitFor();
            await page.screenshot({ path: join(SCREENSHOTS, `signed-out-${colorScheme}.png`) });
            await signInThroughPage(page, 'hubot');
            await page.screenshot({ path: join(SCREENSHOTS, `signed-in-${colorScheme}.png`) });
            await page.getByRole('button', { name: 'Sign out', exact: true }).click();
            await page.getByRole('button', { name: 'Sign in with GitHub' }).waitFor();
          }
        });
      }
    },
  );
}

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, where).toEqual([]);
}
