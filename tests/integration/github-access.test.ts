import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STUB_DEFAULTS } from '@github-bff/github-stub';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';

const INTERVAL_S = 300;
const tokensNow = (stack: Stack) => new Set(stack.stub.issuedTokens());
const newToken = (stack: Stack, before: Set<string>) => stack.stub.issuedTokens().find((t) => !before.has(t)) ?? '';

describe('who may sign in', () => {
  const cases = [
    ['GITHUB_ALLOWED_ORGS=acme', { GITHUB_ALLOWED_ORGS: 'acme' }, ['mona', 'hubot'], ['nameless']],
    ['GITHUB_ALLOWED_TEAMS=acme/core', { GITHUB_ALLOWED_TEAMS: 'acme/core' }, ['mona'], ['hubot', 'nameless']],
    ['GITHUB_ALLOWED_USERS=Nameless', { GITHUB_ALLOWED_USERS: 'Nameless' }, ['nameless'], ['mona']],
    [
      'orgs and users together (either qualifies)',
      { GITHUB_ALLOWED_ORGS: 'other-org', GITHUB_ALLOWED_USERS: 'hubot' },
      ['nameless', 'hubot'],
      ['mona'],
    ],
  ] as const;

  for (const [name, env, allowed, refused] of cases) {
    describe(name, () => {
      let stack: Stack;
      beforeAll(async () => {
        stack = await startStack({ env });
      });
      afterAll(() => stack.close());

      it.each(allowed)('lets %s in', async (login) => {
        const browser = new TestBrowser();
        expect((await signIn(browser, stack, { login })).callback.headers.get('location')).toBe('/');
        expect((await getMe(browser, stack)).json()).toMatchObject({ login });
      });

      it.each(refused)('sends %s back with auth_error=not_allowed, no session, token revoked', async (login) => {
        const browser = new TestBrowser();
        const before = tokensNow(stack);
        const { callback } = await signIn(browser, stack, { login });
        expect(callback.headers.get('location')).toBe('/?auth_error=not_allowed');
        expect(callback.headers.getSetCookie().filter((c) => /^sid=[^;]/.test(c))).toEqual([]);
        expect((await getMe(browser, stack)).status).toBe(401);
        expect(stack.stub.revokedTokens()).toContain(newToken(stack, before));
      });
    });
  }

  it('adds read:org to the scopes when orgs or teams are set, and not otherwise', async () => {
    const withOrgs = await startStack({ env: { GITHUB_ALLOWED_TEAMS: 'acme/core' } });
    const plain = await startStack({ stub: withOrgs.stub });
    try {
      const scope = async (stack: Stack) =>
        new URL((await new TestBrowser().get(`${stack.url}/auth/login`)).location).searchParams.get('scope');
      expect(await scope(withOrgs)).toBe('read:user user:email read:org');
      expect(await scope(plain)).toBe('read:user user:email');
    } finally {
      await plain.close();
      await withOrgs.close();
    }
  });
});

describe('while a session lives', () => {
  let stack: Stack;
  let browser: TestBrowser;
  let token: string;
  beforeAll(async () => {
    stack = await startStack({
      env: { GITHUB_ALLOWED_ORGS: 'acme', GITHUB_RECHECK_INTERVAL_SECONDS: String(INTERVAL_S) },
    });
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    stack.stub.reset();
    browser = new TestBrowser();
    const before = tokensNow(stack);
    await signIn(browser, stack, { login: 'hubot' });
    token = newToken(stack, before);
  });

  it('a member removed from the org loses the session at the next check, not before', async () => {
    stack.stub.setOrgMembership('hubot', 'acme', false);
    stack.clock.advance((INTERVAL_S - 10) * 1000);
    expect((await getMe(browser, stack)).status).toBe(200);
    stack.clock.advance(20_000);
    expect((await getMe(browser, stack)).status).toBe(401);
    // Ended on the server: the member being added back does not revive it.
    stack.stub.setOrgMembership('hubot', 'acme', true);
    expect((await getMe(browser, stack)).status).toBe(401);
  });

  it('between checks /api/me does not call GitHub', async () => {
    const calls = stack.stub.calls.length;
    for (let i = 0; i < 5; i++) expect((await getMe(browser, stack)).status).toBe(200);
    expect(stack.stub.calls.length).toBe(calls);
  });

  it('a token revoked on GitHub (the user removed the app) ends the session at the next check', async () => {
    stack.stub.revokeToken(token);
    stack.clock.advance(INTERVAL_S * 1000);
    expect((await getMe(browser, stack)).status).toBe(401);
  });

  it.each(['secondary', 'primary'] as const)(
    'a GitHub rate limit (%s) ends nothing: the re-check waits for Retry-After / X-RateLimit-Reset, with jitter',
    async (mode) => {
      stack.stub.setRateLimited('hubot', mode);
      stack.clock.advance(INTERVAL_S * 1000);
      const userCalls = () => stack.stub.calls.filter((c) => c.path === '/api/v3/user').length;
      const before = userCalls();
      expect((await getMe(browser, stack)).status).toBe(200);
      expect(userCalls()).toBe(before + 1);
      // Within the wait: nobody asks GitHub again (no retry storm against a spent budget).
      stack.stub.setRateLimited('hubot', false);
      stack.stub.revokeToken(token);
      stack.clock.advance(50_000);
      expect((await getMe(browser, stack)).status).toBe(200);
      expect(userCalls()).toBe(before + 1);
      // Past the wait and its largest jitter, a quarter more (secondary: Retry-After 60 s; primary:
      // X-RateLimit-Reset, within the hour).
      stack.clock.advance(mode === 'secondary' ? 30_000 : 4_600_000);
      expect((await getMe(browser, stack)).status).toBe(401);
    },
  );

  it('GitHub down at the check: the session goes on, and the check is tried again later', async () => {
    stack.stub.failNext('user', { status: 502 });
    stack.clock.advance(INTERVAL_S * 1000);
    expect((await getMe(browser, stack)).status).toBe(200);
    stack.stub.revokeToken(token);
    expect((await getMe(browser, stack)).status).toBe(200);
    // A minute, plus up to 15 s of jitter.
    stack.clock.advance(76_000);
    expect((await getMe(browser, stack)).status).toBe(401);
  });
});

describe('sign out and disconnect', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  afterEach(() => stack.stub.reset());

  it('POST /auth/logout revokes the token on GitHub', async () => {
    const browser = new TestBrowser();
    const before = tokensNow(stack);
    await signIn(browser, stack);
    const token = newToken(stack, before);
    expect((await browser.post(`${stack.url}/auth/logout`, API_HEADERS)).status).toBe(204);
    expect(stack.stub.revokedTokens()).toContain(token);
    expect(
      stack.stub.calls.some(
        (c) => c.method === 'DELETE' && c.path.endsWith(`/applications/${STUB_DEFAULTS.clientId}/token`),
      ),
    ).toBe(true);
  });

  it.each([
    ['down', { status: 503 }],
    ['hanging', { hang: true }],
  ] as const)('still signs out when GitHub is %s', async (_name, failure) => {
    const browser = new TestBrowser();
    await signIn(browser, stack);
    stack.stub.failNext('revoke', failure);
    const res = await browser.post(`${stack.url}/auth/logout`, API_HEADERS);
    expect(res.status).toBe(204);
    expect((await getMe(browser, stack)).status).toBe(401);
  });

  it.each([
    ['down', { status: 503 }],
    ['hanging', { hang: true }],
  ] as const)('POST /auth/disconnect still signs out everywhere when GitHub is %s', async (_name, failure) => {
    const here = new TestBrowser();
    const there = new TestBrowser();
    await signIn(here, stack, { login: 'mona' });
    await signIn(there, stack, { login: 'mona' });
    stack.stub.failNext('revoke', failure);
    const started = Date.now();
    expect((await here.post(`${stack.url}/auth/disconnect`, API_HEADERS)).status).toBe(204);
    // At most GITHUB_TIMEOUT_MS (1 s here) waiting for GitHub.
    expect(Date.now() - started).toBeLessThan(2500);
    expect((await getMe(here, stack)).status).toBe(401);
    expect((await getMe(there, stack)).status).toBe(401);
  });

  it('POST /auth/disconnect deletes the grant and ends every session of the user', async () => {
    const here = new TestBrowser();
    const there = new TestBrowser();
    const other = new TestBrowser();
    const before = tokensNow(stack);
    await signIn(here, stack, { login: 'mona' });
    await signIn(there, stack, { login: 'mona' });
    await signIn(other, stack, { login: 'hubot' });
    const monaTokens = stack.stub
      .issuedTokens()
      .filter((t) => !before.has(t))
      .slice(0, 2);
    expect((await here.post(`${stack.url}/auth/disconnect`)).status).toBe(403);
    expect((await here.post(`${stack.url}/auth/disconnect`, API_HEADERS)).status).toBe(204);
    expect(stack.stub.calls.some((c) => c.method === 'DELETE' && /\/grant$/.test(c.path))).toBe(true);
    for (const t of monaTokens) expect(stack.stub.revokedTokens()).toContain(t);
    expect((await getMe(here, stack)).status).toBe(401);
    expect((await getMe(there, stack)).status).toBe(401);
    expect((await getMe(other, stack)).status).toBe(200);
  });
});

describe('switch account', () => {
  it('passes prompt=select_account to GitHub, and nothing else of the query', async () => {
    const stack = await startStack();
    try {
      const res = await new TestBrowser().get(`${stack.url}/auth/login?prompt=select_account&login=evil&scope=repo`);
      const q = new URL(res.location).searchParams;
      expect(q.get('prompt')).toBe('select_account');
      expect(q.get('login')).toBeNull();
      expect(q.get('scope')).toBe('read:user user:email');
      const plain = new URL((await new TestBrowser().get(`${stack.url}/auth/login?prompt=consent`)).location);
      expect(plain.searchParams.get('prompt')).toBeNull();
    } finally {
      await stack.close();
    }
  });
});
