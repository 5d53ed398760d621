import { afterAll, beforeAll, expect, it } from 'vitest';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { describeEachStore } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { delay } from '../support/wait.ts';

const SIGN_INS = 300;
const ME_CALLS = 3000;
const LOGINS = ['mona', 'hubot', 'nameless', 'unverified'] as const;
const IDS: Record<string, number> = { mona: 1001, hubot: 1002, nameless: 1003, unverified: 1004 };

/** Runs `count` tasks with at most `limit` in flight. */
async function inParallel<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

describeEachStore((store) => {
  let stack: Stack;
  beforeAll(async () => {
    // A loaded 2-core machine can make the stand-in slower than the suite's usual 1 s timeout;
    // this test is about the BFF losing nothing, not about GitHub's speed.
    // GitHub's ten-token limit off: 75 sign-ins per user would revoke the tokens of all but the
    // last ten, and those sessions would end at their next re-check. "No lost session" is about
    // the BFF, so every session here keeps a token that GitHub still accepts.
    stack = await startStack(
      store.stackOptions({ env: { GITHUB_TIMEOUT_MS: '20000' }, stubOptions: { tokenLimit: false } }),
    );
  });
  afterAll(() => stack.close());

  it(`${SIGN_INS} concurrent sign-ins, then ${ME_CALLS} parallel /api/me calls: no error, no lost session`, async () => {
    const browsers = Array.from({ length: SIGN_INS }, () => new TestBrowser());
    const callbacks = await Promise.all(
      browsers.map((b, i) => signIn(b, stack, { login: LOGINS[i % LOGINS.length], returnTo: `/n/${i}` })),
    );
    expect(callbacks.map((c) => c.callback.headers.get('location'))).toEqual(browsers.map((_, i) => `/n/${i}`));

    const statuses = await inParallel(ME_CALLS, 200, async (i) => {
      const res = await getMe(browsers[i % SIGN_INS]!, stack);
      const body = res.status === 200 ? (res.json() as { id: number }) : undefined;
      return res.status === 200 && body?.id === IDS[LOGINS[(i % SIGN_INS) % LOGINS.length]!]
        ? 'ok'
        : `bad ${res.status}`;
    });
    expect(statuses.filter((s) => s !== 'ok')).toEqual([]);
  }, 120_000);

  it('a restart under load loses no session: every answer is 200 or no answer, and all work after', async () => {
    const browsers = Array.from({ length: 100 }, () => new TestBrowser());
    await Promise.all(browsers.map((b) => signIn(b, stack)));
    let running = true;
    const answers: string[] = [];
    const load = inParallel(50, 50, async (i) => {
      while (running) {
        try {
          // A request caught in the restart may never be answered (its connection died with the
          // old server): a time-out counts as no answer, like a refused connection.
          const res = await browsers[i * 2]!.request(`${stack.url}/api/me`, {
            headers: API_HEADERS,
            signal: AbortSignal.timeout(10_000),
          });
          answers.push(String(res.status));
        } catch {
          answers.push('no answer');
        }
      }
    });
    await delay(300);
    await stack.restart();
    await delay(300);
    running = false;
    await load;
    expect(answers.filter((a) => a === '200').length).toBeGreaterThan(50);
    // A 401 would be a lost session; a 5xx a crash.
    expect(answers.filter((a) => a !== '200' && a !== 'no answer')).toEqual([]);
    const after = await Promise.all(browsers.map((b) => getMe(b, stack)));
    expect(after.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
  }, 120_000);
});
