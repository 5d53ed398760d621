import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { callApi, CALLBACK, CLIENT_ID, signIn, signInToken, startWebhookReceiver } from './test-helpers.ts';

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let stub: GitHubStub;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
  stub = await startGitHubStub({ callbackUrl: CALLBACK, webhookUrl: receiver.url });
});
afterEach(async () => {
  await stub.close();
  await receiver.close();
});

async function page(query = ''): Promise<string> {
  const response = await fetch(`${stub.url}/settings/applications${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  return response.text();
}

/** Each button's accessible name, from its text content (what a screen reader announces). */
function buttonNames(html: string): string[] {
  return [...html.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''));
}

function revoke(login: string) {
  return fetch(`${stub.url}/settings/applications/revoke`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login }).toString(),
  });
}

describe('GET /settings/applications', () => {
  it('says so when no one has authorized the app', async () => {
    const html = await page();
    expect(html).toContain('<h1>Authorized OAuth Apps</h1>');
    expect(html).toContain('No made-up user has authorized this application.');
    expect(buttonNames(html)).toEqual([]);
  });

  it('is linked from every stand-in page, so demo users can find it', async () => {
    const authorize = await fetch(`${stub.url}/login/oauth/authorize?client_id=${CLIENT_ID}`);
    expect(await authorize.text()).toContain('<a href="/settings/applications">Authorized OAuth Apps</a>');
  });

  it('lists each user with a live grant once, with a "Revoke access for <login>" button', async () => {
    await signInToken(stub, { login: 'hubot' });
    await signInToken(stub, { login: 'mona' });
    await signInToken(stub, { login: 'hubot' });
    const html = await page();
    expect(buttonNames(html)).toEqual(['Revoke access for mona', 'Revoke access for hubot']);
    // The visible text is "Revoke"; the rest is for assistive technology only.
    expect(html).toContain(
      '<button type="submit">Revoke<span class="visually-hidden"> access for mona</span></button>',
    );
    expect(html).toContain('<form method="post" action="/settings/applications/revoke">');
    expect(html).toContain('<input type="hidden" name="login" value="mona">');
    expect(html).not.toContain('value="nameless"');
  });
});

describe('POST /settings/applications/revoke', () => {
  it('deletes the grant (every token stops working), fires the webhook and says so', async () => {
    const first = await signInToken(stub);
    const second = await signInToken(stub);
    const hubot = await signInToken(stub, { login: 'hubot' });
    const response = await revoke('mona');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/settings/applications?revoked=mona');
    for (const token of [first, second]) {
      expect((await callApi(stub, '/user', token)).status).toBe(401);
      expect(stub.revocationReason(token)).toBe('user');
    }
    expect((await callApi(stub, '/user', hubot)).status).toBe(200);
    await stub.flushWebhooks();
    expect(receiver.received.map((hook) => [hook.headers['x-github-event'], hook.json])).toEqual([
      ['github_app_authorization', { action: 'revoked', sender: expect.objectContaining({ login: 'mona', id: 1001 }) }],
    ]);
    const after = await page('?revoked=mona');
    expect(after).toContain('<p role="status">Access for mona revoked.</p>');
    expect(buttonNames(after)).toEqual(['Revoke access for hubot']);
  });

  it('revokes the refresh token too in expiring mode', async () => {
    stub.setExpiringTokens(true);
    const tokens = await signIn(stub);
    await revoke('mona');
    expect(stub.revokedTokens()).toEqual([tokens.access_token, tokens.refresh_token]);
  });

  it('without a grant it only redirects; an unknown user is 400; the status line echoes only known users', async () => {
    const none = await revoke('nameless');
    expect(none.status).toBe(303);
    expect(none.headers.get('location')).toBe('/settings/applications');
    expect((await revoke('ghost')).status).toBe(400);
    await stub.flushWebhooks();
    expect(receiver.received).toEqual([]);
    expect(await page('?revoked=%3Cscript%3E')).toContain('<p role="status"></p>');
  });
});
