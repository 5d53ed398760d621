import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { describeEachStore } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';

const MINUTE = 60_000;
const IDLE = 60 * MINUTE;
const ABSOLUTE = 3 * IDLE;

describeEachStore((store) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(
      store.stackOptions({
        env: {
          SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE / 1000),
          SESSION_ABSOLUTE_TIMEOUT_SECONDS: String(ABSOLUTE / 1000),
        },
      }),
    );
  });
  afterAll(() => stack.close());

  let browser: TestBrowser;
  let signedInAt: number;
  beforeEach(async () => {
    browser = new TestBrowser();
    await signIn(browser, stack);
    signedInAt = stack.clock.now();
  });

  const expiresAt = async (): Promise<number> => {
    const res = await getMe(browser, stack);
    expect(res.status).toBe(200);
    const body = res.json() as { session: { createdAt: string; expiresAt: string } };
    expect(Date.parse(body.session.createdAt)).toBe(signedInAt);
    return Date.parse(body.session.expiresAt);
  };

  it('GET /api/me reports when the session ends: the idle deadline at first', async () => {
    expect(await expiresAt()).toBe(signedInAt + IDLE);
  });

  it('a session unused for the idle timeout is 401, though the cookie is still good for days', async () => {
    const cookie = await browser.cookie(stack.url, 'sid');
    expect(cookie).toBeDefined();
    const cookies = await browser.jar.getCookieString(stack.url);
    stack.clock.advance(IDLE + 1);
    const res = await getMe(browser, stack);
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ error: 'unauthenticated' });
    // Ended on the server and the cookie cleared; the same cookie sent again is still 401.
    expect(await browser.cookie(stack.url, 'sid')).toBeUndefined();
    const replayed = await fetch(`${stack.url}/api/me`, { headers: { ...API_HEADERS, Cookie: cookies } });
    expect(replayed.status).toBe(401);
  });

  it('the idle timeout slides with use', async () => {
    stack.clock.advance(IDLE - MINUTE);
    expect(await expiresAt()).toBe(stack.clock.now() + IDLE);
    stack.clock.advance(IDLE - MINUTE);
    expect((await getMe(browser, stack)).status).toBe(200);
  });

  it('the absolute lifetime ends a session however much it is used', async () => {
    while (stack.clock.now() + IDLE / 2 < signedInAt + ABSOLUTE) {
      stack.clock.advance(IDLE / 2);
      expect((await getMe(browser, stack)).status).toBe(200);
    }
    // Close to the end, the absolute deadline is the one reported.
    expect(await expiresAt()).toBe(signedInAt + ABSOLUTE);
    stack.clock.advance(signedInAt + ABSOLUTE - stack.clock.now());
    expect((await getMe(browser, stack)).status).toBe(401);
  });
});
