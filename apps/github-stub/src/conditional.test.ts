import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { callApi, CALLBACK, signInToken } from './test-helpers.ts';

let stub: GitHubStub;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
});
afterEach(() => stub.close());

const STRONG = /^"[0-9a-f]{32}"$/;
const ENDPOINTS = [
  ['/user', STRONG],
  ['/user/emails', STRONG],
  ['/user/orgs', STRONG],
  ['/user/teams', STRONG],
  ['/user/memberships/orgs/acme', STRONG],
  ['/orgs/acme/teams/core/memberships/mona', STRONG],
  // Weak on purpose: the integration suite pins the W/ form on this route.
  ['/user/repos', /^W\/"[0-9a-f]{32}"$/],
] as const;

describe('conditional requests (ETag / If-None-Match)', () => {
  it.each(ENDPOINTS)('%s: ETag, then 304 with no body and no budget spent', async (path, form) => {
    const token = await signInToken(stub, { scope: 'user read:org' });
    const first = await callApi(stub, path, token);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(form);
    expect(first.headers.get('cache-control')).toBe('private, max-age=60, s-maxage=60');
    const spent = stub.rateLimitUsed('mona');
    const again = await callApi(stub, path, token, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('x-ratelimit-remaining')).toBe(first.headers.get('x-ratelimit-remaining'));
    expect(stub.rateLimitUsed('mona')).toBe(spent);
    // A tag list with the weak form of the same tag matches too (If-None-Match compares weakly).
    const listed = await callApi(stub, path, token, {
      headers: { 'If-None-Match': `"x", W/${etag.replace(/^W\//, '')}` },
    });
    expect(listed.status).toBe(304);
  });

  it('a stale ETag gets the full answer and spends budget', async () => {
    const token = await signInToken(stub, { scope: 'read:org' });
    const first = await callApi(stub, '/user/teams', token);
    const etag = first.headers.get('etag') ?? '';
    stub.setTeamMembership('mona', 'acme', 'docs', true);
    const before = stub.rateLimitUsed('mona');
    const changed = await callApi(stub, '/user/teams', token, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(((await changed.json()) as unknown[]).length).toBe(2);
    expect(stub.rateLimitUsed('mona')).toBe(before + 1);
  });

  it('varies by user: the same answer for two users has two ETags', async () => {
    const hubot = await signInToken(stub, { login: 'hubot', scope: 'read:org' });
    const nameless = await signInToken(stub, { login: 'nameless', scope: 'read:org' });
    const a = await callApi(stub, '/user/teams', hubot);
    const b = await callApi(stub, '/user/teams', nameless);
    expect(await a.json()).toEqual([]);
    expect(await b.json()).toEqual([]);
    expect(a.headers.get('etag')).not.toBe(b.headers.get('etag'));
    const crossed = await callApi(stub, '/user/teams', nameless, {
      headers: { 'If-None-Match': a.headers.get('etag') ?? '' },
    });
    expect(crossed.status).toBe(200);
  });
});
