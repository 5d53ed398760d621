import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newIdentityKey } from '../support/identity-keys.ts';
import { echo, startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.ts';
import { API_HEADERS, signIn } from '../support/sign-in.ts';
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
