import { startGitHubStub, type GitHubStub } from '@github-bff/github-stub';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApiRelay, type ApiRelay } from '../support/api-relay.ts';
import { getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';

/** The re-check asks GitHub whose token this is; the relay lets GitHub answer "someone else". */
describe('the periodic re-check of who the token belongs to', () => {
  let stub: GitHubStub;
  let relay: ApiRelay;
  let stack: Stack;
  beforeAll(async () => {
    stub = await startGitHubStub();
    relay = await startApiRelay(stub.url);
    stack = await startStack({ stub, env: { GITHUB_API_URL: relay.apiUrl } });
  });
  afterAll(async () => {
    await stack.close();
    await relay.close();
    await stub.close();
  });
  beforeEach(() => {
    relay.tweak = () => undefined;
  });

  const hubot = JSON.stringify({ id: 1002, login: 'hubot', name: 'Hubot', email: null, avatar_url: 'x' });

  it('ends a session whose token now belongs to another GitHub user', async () => {
    const browser = new TestBrowser();
    await signIn(browser, stack, { login: 'mona' });
    stack.clock.advance(601_000);
    relay.tweak = (url) => (url.pathname.endsWith('/user') ? { body: hubot } : undefined);
    const res = await getMe(browser, stack);
    expect(res.status).toBe(401);
    relay.tweak = () => undefined;
    expect((await getMe(browser, stack)).status).toBe(401);
  });

  it('keeps a session whose token still belongs to its user, and takes the fresh profile', async () => {
    const browser = new TestBrowser();
    await signIn(browser, stack, { login: 'mona' });
    stack.clock.advance(601_000);
    const renamed = JSON.stringify({
      id: 1001,
      login: 'mona-renamed',
      name: 'Mona',
      email: 'mona@example.com',
      avatar_url: 'x',
    });
    relay.tweak = (url) => (url.pathname.endsWith('/user') ? { body: renamed } : undefined);
    expect((await getMe(browser, stack)).json()).toMatchObject({ id: 1001, login: 'mona-renamed' });
    relay.tweak = () => undefined;
    expect((await getMe(browser, stack)).json()).toMatchObject({ login: 'mona-renamed' });
  });
});
