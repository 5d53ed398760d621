import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newIdentityKey } from '../support/identity-keys.ts';
import { echo, startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.ts';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';

/**
 * The API budget is the user's, shared by every app acting for them. Memberships are listed
 * 100 a page, following Link, however many there are.
 */
describe('a user in 250 teams', () => {
  let upstream: RecordingUpstream;
  let stack: Stack;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    upstream.handler = echo;
    stack = await startStack({
      env: {
        IDENTITY_SIGNING_KEYS: newIdentityKey(),
        // The rule names the 250th team: found only on the third page of /user/teams.
        API_UPSTREAMS: JSON.stringify([
          { name: 'last-team', target: upstream.url, access: { teams: ['acme/team-250'] } },
        ]),
      },
    });
  });
  afterAll(async () => {
    await stack.close();
    await upstream.close();
  });
  afterEach(() => stack.stub.reset());

  it('reads all three pages at sign-in, so a rule naming the 250th team admits the user', async () => {
    const slugs = stack.stub.addGeneratedTeams('mona', 'acme', 250);
    expect(slugs.at(-1)).toBe('team-250');
    const browser = new TestBrowser();
    await signIn(browser, stack);
    const pages = stack.stub.calls.filter((c) => c.path === '/api/v3/user/teams');
    expect(pages.map((c) => c.query.page ?? '1')).toEqual(['1', '2', '3']);
    expect(pages.every((c) => c.query.per_page === '100')).toBe(true);
    expect((await browser.get(`${stack.url}/api/last-team/x`, API_HEADERS)).status).toBe(200);
  });

  it('someone in 250 other teams is refused', async () => {
    stack.stub.addGeneratedTeams('hubot', 'other-org', 250);
    const browser = new TestBrowser();
    await signIn(browser, stack, { login: 'hubot' });
    expect((await browser.get(`${stack.url}/api/last-team/x`, API_HEADERS)).status).toBe(403);
  });
});

describe('re-checks are conditional requests', () => {
  let stack: Stack;
  afterEach(() => stack.close());

  it('a re-check with nothing changed is answered 304 and spends none of the budget', async () => {
    stack = await startStack({ env: { GITHUB_ALLOWED_ORGS: 'acme' } });
    const browser = new TestBrowser();
    await signIn(browser, stack);
    // The first re-check learns the ETags (GET /user, the membership): it spends two requests.
    stack.clock.advance(601_000);
    const before = stack.stub.rateLimitUsed('mona');
    expect((await getMe(browser, stack)).status).toBe(200);
    expect(stack.stub.rateLimitUsed('mona')).toBe(before + 2);
    // The next ones send If-None-Match: GitHub says 304, the user's budget is untouched.
    for (let i = 0; i < 3; i++) {
      stack.clock.advance(601_000);
      const calls = stack.stub.calls.length;
      expect((await getMe(browser, stack)).status).toBe(200);
      expect(stack.stub.calls.length).toBe(calls + 2);
    }
    expect(stack.stub.rateLimitUsed('mona')).toBe(before + 2);
  });

  it('304 still means the token works: a revoked token ends the session at the next re-check', async () => {
    stack = await startStack({ env: { GITHUB_ALLOWED_ORGS: 'acme' } });
    const browser = new TestBrowser();
    await signIn(browser, stack);
    stack.clock.advance(601_000);
    await getMe(browser, stack);
    stack.stub.revokeToken(stack.stub.issuedTokens()[0] ?? '');
    stack.clock.advance(601_000);
    expect((await getMe(browser, stack)).status).toBe(401);
  });

  it('a membership lost since the last ETag is seen (the answer changed: no 304)', async () => {
    stack = await startStack({ env: { GITHUB_ALLOWED_ORGS: 'acme' } });
    const browser = new TestBrowser();
    await signIn(browser, stack);
    stack.clock.advance(601_000);
    await getMe(browser, stack);
    stack.stub.setOrgMembership('mona', 'acme', false);
    stack.clock.advance(601_000);
    expect((await getMe(browser, stack)).status).toBe(401);
  });
});
