import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, STUB_USERS, type GitHubStub } from './index.ts';
import { authorizeUrl, authorizeWith, CALLBACK, CLIENT_ID } from './test-helpers.ts';

let stub: GitHubStub;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
});
afterEach(() => stub.close());

const base = { client_id: CLIENT_ID, redirect_uri: CALLBACK, scope: 'read:user', state: 's-1' };

function postDecision(fields: Record<string, string>) {
  return fetch(`${stub.url}/login/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('GET /login/oauth/authorize', () => {
  it('renders a consent form listing every made-up user, the first checked', async () => {
    const response = await fetch(authorizeUrl(stub, base));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>GitHub stand-in (demo)');
    for (const user of STUB_USERS) expect(html).toContain(`name="login" value="${user.login}"`);
    expect(html).toContain('name="login" value="mona" checked');
    expect(html).toContain('<input type="hidden" name="state" value="s-1">');
    expect(html).toContain('<form method="post" action="/login/oauth/authorize">');
    expect(html).toContain('value="approve">Authorize</button>');
    expect(html).toContain('value="deny">Cancel</button>');
  });

  it('preselects the user named by the login parameter and escapes echoed values', async () => {
    const html = await (await fetch(authorizeUrl(stub, { ...base, login: 'hubot', state: '"><b>' }))).text();
    expect(html).toContain('name="login" value="hubot" checked');
    expect(html).not.toContain('value="mona" checked');
    expect(html).toContain('value="&quot;&gt;&lt;b&gt;"');
  });

  it('is a 404 page for an unknown client_id', async () => {
    const response = await fetch(authorizeUrl(stub, { ...base, client_id: 'nope' }));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('client_id');
  });

  it('is a 400 page for code_challenge_method plain', async () => {
    const params = { ...base, code_challenge: 'abc', code_challenge_method: 'plain' };
    const response = await fetch(authorizeUrl(stub, params));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('S256');
  });

  it('sends a redirect_uri outside the registered callback back with redirect_uri_mismatch', async () => {
    const location = await authorizeWith(stub, { ...base, redirect_uri: 'http://evil.example/cb' });
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('error')).toBe('redirect_uri_mismatch');
    expect(location.searchParams.get('state')).toBe('s-1');
  });

  it('accepts a redirect_uri below the callback path', async () => {
    const params = { ...base, redirect_uri: `${CALLBACK}/deeper`, stub_login: 'mona' };
    const location = await authorizeWith(stub, params);
    expect(location.pathname).toBe('/auth/callback/deeper');
    expect(location.searchParams.get('code')).toMatch(/^[0-9a-f]{20}$/);
  });

  it('stub_login/stub_decision shortcut redirects straight away', async () => {
    const approved = await authorizeWith(stub, { ...base, stub_login: 'hubot', stub_decision: 'approve' });
    expect(approved.searchParams.get('code')).toMatch(/^[0-9a-f]{20}$/);
    expect(approved.searchParams.get('state')).toBe('s-1');
    const denied = await authorizeWith(stub, { ...base, stub_decision: 'deny' });
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.has('code')).toBe(false);
  });

  it('shortcut with an unknown login is a 400 page', async () => {
    const response = await fetch(authorizeUrl(stub, { ...base, stub_login: 'ghost' }), { redirect: 'manual' });
    expect(response.status).toBe(400);
  });
});

describe('POST /login/oauth/authorize', () => {
  it('approve redirects to redirect_uri with a code and the state', async () => {
    const response = await postDecision({ ...base, login: 'nameless', decision: 'approve' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('code')).toMatch(/^[0-9a-f]{20}$/);
    expect(location.searchParams.get('state')).toBe('s-1');
  });

  it('deny redirects with GitHub access_denied parameters', async () => {
    const response = await postDecision({ ...base, login: 'mona', decision: 'deny' });
    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    expect(location).toContain(
      'error=access_denied&error_description=The+user+has+denied+your+application+access.&error_uri=',
    );
    expect(new URL(location).searchParams.get('state')).toBe('s-1');
  });

  it('uses the registered callback when redirect_uri is absent and omits a missing state', async () => {
    const response = await postDecision({ client_id: CLIENT_ID, login: 'mona', decision: 'approve' });
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect([...location.searchParams.keys()]).toEqual(['code']);
  });

  it('rejects an unknown decision or user with 400', async () => {
    expect((await postDecision({ ...base, login: 'mona', decision: 'maybe' })).status).toBe(400);
    expect((await postDecision({ ...base, login: 'ghost', decision: 'approve' })).status).toBe(400);
  });

  it('rejects a body that is not a form with 415', async () => {
    const response = await fetch(`${stub.url}/login/oauth/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'garbage',
    });
    expect(response.status).toBe(415);
  });
});

describe('without a registered callback', () => {
  it('is a 400 page when redirect_uri is missing', async () => {
    const bare = await startGitHubStub();
    try {
      const response = await fetch(authorizeUrl(bare, { client_id: CLIENT_ID }));
      expect(response.status).toBe(400);
    } finally {
      await bare.close();
    }
  });
});

describe('GET /avatars/:login.svg', () => {
  it('serves an SVG with the initial', async () => {
    const response = await fetch(`${stub.url}/avatars/mona.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(await response.text()).toContain('>M</text>');
    expect((await fetch(`${stub.url}/avatars/ghost.svg`)).status).toBe(404);
  });
});
