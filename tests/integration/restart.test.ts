import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMe, signIn, signInFrom } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { describeEachStore } from '../support/stores.ts';

describeEachStore((store) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(store.stackOptions());
  });
  afterAll(() => stack.close());

  describe('restart', () => {
    it('a session made before a restart still works after it', async () => {
      const browser = new TestBrowser();
      await signIn(browser, stack, { login: 'hubot' });
      expect((await getMe(browser, stack)).status).toBe(200);
      await stack.restart();
      const res = await getMe(browser, stack);
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ login: 'hubot', email: 'hubot@private.example' });
    });

    it('a sign-in started before a restart can finish after it', async () => {
      const browser = new TestBrowser();
      const start = await browser.get(`${stack.url}/auth/login?returnTo=%2Fafter`);
      await stack.restart();
      const callback = await signInFrom(browser, new URL(start.location));
      expect(callback.headers.get('location')).toBe('/after');
      expect((await getMe(browser, stack)).status).toBe(200);
    });
  });
});
