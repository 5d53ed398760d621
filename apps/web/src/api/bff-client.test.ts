import { describe, expect, it, vi } from 'vitest';
import { createLoginUrl, fetchMe, fetchMeta, onUnauthenticated, signOut } from './bff-client';
import { expectCsrfOnEveryCall, makeMe, meta, signedIn, stubBff, unauthenticated } from '../test/bff-stub';

describe('every call', () => {
  it('sends X-CSRF: 1 and same-origin credentials on /api/me, /api/meta and /auth/logout', async () => {
    const fetchMock = stubBff({
      'GET /api/me': signedIn(),
      'GET /api/meta': meta(false),
      'POST /auth/logout': { status: 204 },
    });
    await fetchMe();
    await fetchMeta();
    await signOut();
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expectCsrfOnEveryCall(fetchMock);
  });

  it('a 401 from any /api call notifies the listeners until they unsubscribe', async () => {
    stubBff({ 'GET /api/me': unauthenticated, 'GET /api/meta': unauthenticated });
    const listener = vi.fn();
    const unsubscribe = onUnauthenticated(listener);
    await fetchMeta();
    await fetchMe();
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    await fetchMe();
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('fetchMe', () => {
  it('is signed-in with the body of a 200', async () => {
    stubBff({ 'GET /api/me': signedIn() });
    expect(await fetchMe()).toEqual({ kind: 'signed-in', me: makeMe() });
  });

  it('is signed-out on 401', async () => {
    stubBff({ 'GET /api/me': unauthenticated });
    expect(await fetchMe()).toEqual({ kind: 'signed-out' });
  });

  it('is unavailable with Retry-After seconds on 503', async () => {
    stubBff({
      'GET /api/me': { status: 503, body: { error: 'github_unavailable' }, headers: { 'Retry-After': '120' } },
    });
    expect(await fetchMe()).toEqual({ kind: 'unavailable', retryAfter: 120 });
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    stubBff({ 'GET /api/me': { status: 503, headers: { 'Retry-After': inOneMinute } } });
    const result = await fetchMe();
    expect(result.kind).toBe('unavailable');
    expect(result.kind === 'unavailable' ? result.retryAfter : undefined).toBeGreaterThan(50);
  });

  it('is unavailable on 403 csrf_header_missing, without a retry time', async () => {
    stubBff({ 'GET /api/me': { status: 403, body: { error: 'csrf_header_missing' } } });
    expect(await fetchMe()).toEqual({ kind: 'unavailable' });
  });

  it('is unavailable when the network fails', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    expect(await fetchMe()).toEqual({ kind: 'unavailable' });
  });

  it('is unavailable when a 200 body is not a MeResponse', async () => {
    stubBff({ 'GET /api/me': { status: 200, body: { ...makeMe(), session: undefined } } });
    expect(await fetchMe()).toEqual({ kind: 'unavailable' });
  });
});

describe('signOut', () => {
  it('treats a 401 as already signed out, and a 5xx as failure', async () => {
    const routes = { 'POST /auth/logout': unauthenticated };
    stubBff(routes);
    expect(await signOut()).toEqual({ kind: 'signed-out' });
    routes['POST /auth/logout'] = { status: 500, body: { error: 'internal_error' } };
    expect(await signOut()).toEqual({ kind: 'failed' });
  });
});

describe('createLoginUrl', () => {
  it('returns to path, search and hash, without auth_error', () => {
    const url = new URL('https://app.example/a/b?x=1&auth_error=access_denied#frag');
    expect(createLoginUrl(url)).toBe('/auth/login?returnTo=%2Fa%2Fb%3Fx%3D1%23frag');
  });

  it('adds prompt=select_account for another account', () => {
    const url = new URL('https://app.example/');
    expect(createLoginUrl(url, { selectAccount: true })).toBe('/auth/login?returnTo=%2F&prompt=select_account');
  });
});

describe('the early requests of public/early-requests.js', () => {
  it('are taken over once: the first /api/me and /api/meta use them, later calls ask again', async () => {
    const fetchMock = stubBff({ 'GET /api/me': signedIn(), 'GET /api/meta': meta(true) });
    const early = {
      '/api/me': Promise.resolve(new Response(JSON.stringify(makeMe({ login: 'early' })), { status: 200 })),
      '/api/meta': Promise.resolve(new Response(JSON.stringify({ demo: false, githubHost: 'early.example' }))),
    };
    window.__bffEarly = { ...early };
    expect(await fetchMe()).toEqual({ kind: 'signed-in', me: makeMe({ login: 'early' }) });
    expect(await fetchMeta()).toEqual({ demo: false, githubHost: 'early.example' });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(await fetchMe()).toEqual({ kind: 'signed-in', me: makeMe() });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    delete window.__bffEarly;
  });

  it('a 401 among them still notifies the listeners, and a failed one is "unavailable"', async () => {
    stubBff({});
    const listener = vi.fn();
    const unsubscribe = onUnauthenticated(listener);
    window.__bffEarly = { '/api/me': Promise.resolve(new Response('{"error":"unauthenticated"}', { status: 401 })) };
    expect(await fetchMe()).toEqual({ kind: 'signed-out' });
    expect(listener).toHaveBeenCalledTimes(1);
    window.__bffEarly = { '/api/me': Promise.reject(new TypeError('offline')) };
    expect(await fetchMe()).toEqual({ kind: 'unavailable' });
    unsubscribe();
    delete window.__bffEarly;
  });

  it('are never used for a POST', async () => {
    const fetchMock = stubBff({ 'POST /auth/logout': { status: 204 } });
    window.__bffEarly = { '/auth/logout': Promise.resolve(new Response(null, { status: 500 })) };
    expect(await signOut()).toEqual({ kind: 'signed-out' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    delete window.__bffEarly;
  });
});
