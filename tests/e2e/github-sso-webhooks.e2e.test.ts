import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { useProductInBrowser } from './support/browser-session.ts';
import { describeWithChromium } from './support/e2e-guard.ts';
import { answerOnGitHub, signInThroughPage, stubControl } from './support/pages.ts';
import type { RunningProduct } from './support/product.ts';

// `npm run dev` in demo mode: the stand-in and the BFF share a webhook secret. `sam` is in
// sso-corp (SAML SSO enforced) without SSO authorization; mona is allowed by name.
describeWithChromium('GitHub SAML SSO and webhooks in a real browser (`npm run dev`, demo mode)', (chromiumPath) => {
  const running = useProductInBrowser('dev', chromiumPath, {
    GITHUB_ALLOWED_ORGS: 'sso-corp',
    GITHUB_ALLOWED_USERS: 'mona',
  });
  let product: RunningProduct;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    ({ product, browser } = running());
    await stubControl(product, 'reset', {});
    context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  it("explains SAML SSO, names the org and links to GitHub's authorization page", async () => {
    await page.goto(product.url);
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
    await answerOnGitHub(page, 'sam');
    const alert = page.getByTestId('auth-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The organisation sso-corp requires SAML single sign-on');
    const link = page.getByRole('link', { name: 'Authorize on GitHub for sso-corp' });
    const href = new URL((await link.getAttribute('href')) ?? '');
    expect(href.origin).toBe(product.stubUrl);
    expect(href.pathname).toBe('/orgs/sso-corp/sso');
    await link.click();
    await page.waitForURL((url) => url.pathname === '/orgs/sso-corp/sso');
  });

  it('the stand-in\'s "Revoke" signs the page out within seconds (github_app_authorization webhook)', async () => {
    await page.goto(product.url);
    await signInThroughPage(page, 'mona');
    // The notes card is live (its list loaded) before GitHub is told anything.
    await page
      .locator('.notes')
      .getByText(/No notes yet|.+/)
      .first()
      .waitFor();
    const github = await context.newPage();
    await github.goto(`${product.stubUrl}/settings/applications`);
    await github.getByRole('button', { name: 'Revoke access for mona' }).click();
    // No reload, no focus change: the webhook ends the session and the page's live connection
    // (the notes WebSocket) is closed, so the page finds out by itself.
    await page.getByRole('button', { name: 'Sign in with GitHub' }).waitFor({ timeout: 5_000 });
  });
});
