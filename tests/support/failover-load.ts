import { idOfToken } from '@github-bff/bff/testing';
import { getMe, signIn } from './sign-in.ts';
import type { Stack } from './stack.ts';
import { TestBrowser } from './test-browser.ts';

/** One answer the BFF gave under load: which request, its status, when (ms since start) and how long it took. */
export interface Answer {
  readonly kind: 'me' | 'sign-in';
  readonly status: number;
  readonly at: number;
  readonly ms: number;
}

export interface LoadResult {
  /** Browsers the BFF answered with a session cookie (the callback's 302 to `/`). */
  readonly issued: readonly TestBrowser[];
  readonly answers: readonly Answer[];
}

export interface Load {
  /** Milliseconds since the load started (the clock of `Answer.at`). */
  elapsed(): number;
  stop(): Promise<LoadResult>;
}

/**
 * Sign-ins and /api/me calls in parallel, spread over `stacks` (a session made on one is read
 * on the other), `workers` at a time, until stop(). Every answer is kept, with its latency.
 */
export function startLoad(stacks: readonly Stack[], { workers = 6 }: { workers?: number } = {}): Load {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const issued: TestBrowser[] = [];
  const answers: Answer[] = [];
  let running = true;
  const record = (kind: Answer['kind'], browser: TestBrowser, from: number, seen: number) => {
    for (const res of browser.responses.slice(seen)) {
      // The stand-in's own redirect is not the BFF's answer.
      if (!res.url.includes('/login/oauth/authorize'))
        answers.push({ kind, status: res.status, at: from, ms: elapsed() - from });
    }
  };
  const worker = async (w: number) => {
    for (let i = 0; running; i++) {
      const stack = stacks[(w + i) % stacks.length] as Stack;
      const from = elapsed();
      if (i % 2 === 0 || issued.length === 0) {
        const browser = new TestBrowser();
        try {
          const { callback } = await signIn(browser, stack, { login: w % 2 === 0 ? 'mona' : 'hubot' });
          if (callback.headers.get('location') === '/' && (await sessionCookie(browser, stack))) issued.push(browser);
        } catch {
          // /auth/login did not redirect (a 503): recorded below like any answer.
        }
        record('sign-in', browser, from, 0);
      } else {
        const browser = issued[(w * 7 + i) % issued.length] as TestBrowser;
        const seen = browser.responses.length;
        await getMe(browser, stack).catch(() => undefined);
        record('me', browser, from, seen);
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return {
    elapsed,
    async stop() {
      running = false;
      await done;
      return { issued, answers };
    },
  };
}

/** The session cookie's value, or undefined. */
export function sessionCookie(browser: TestBrowser, stack: Stack): Promise<string | undefined> {
  return browser.cookie(stack.url, stack.config.session.cookieName);
}

/** The Redis key of the browser's session (to find which cluster node holds it). */
export async function sessionKeyOf(browser: TestBrowser, stack: Stack): Promise<string> {
  const token = await sessionCookie(browser, stack);
  if (!token) throw new Error('this browser has no session cookie');
  return `${stack.config.session.redisKeyPrefix}s:${idOfToken(decodeURIComponent(token))}`;
}
