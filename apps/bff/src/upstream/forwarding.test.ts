import { describe, expect, it } from 'vitest';
import { headersToBrowser, headersToUpstream } from './forward-headers.ts';
import { rewriteLocation } from './rewrite-location.ts';

describe('headersToUpstream', () => {
  it('drops the cookie, Authorization, X-CSRF, hop-by-hop and every identity-like header; keeps the rest', () => {
    const headers = headersToUpstream(
      {
        cookie: 'sid=1',
        authorization: 'Bearer x',
        'x-csrf': '1',
        host: 'app',
        connection: 'keep-alive, x-drop-me',
        'x-drop-me': '1',
        'transfer-encoding': 'chunked',
        'content-length': '5',
        'x-forwarded-for': '1.2.3.4',
        'x-forwarded-proto': 'https',
        'x-real-ip': '1.2.3.4',
        'x-user': 'a',
        'x-auth-request-email': 'a@b',
        'x-github-token': 'g',
        'x-amzn-oidc-data': 'x',
        forwarded: 'for=x',
        'x-request-id': 'mine',
        'content-type': 'application/json',
        accept: 'application/json',
        'x-custom': 'kept',
      },
      { authorization: 'Bearer assertion', 'x-forwarded-for': '127.0.0.1' },
    );
    expect(headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      'x-custom': 'kept',
      authorization: 'Bearer assertion',
      'x-forwarded-for': '127.0.0.1',
    });
  });
});

describe('headersToBrowser', () => {
  it('drops Set-Cookie, this origin’s security headers, CORS and hop-by-hop headers', () => {
    expect(
      headersToBrowser({
        'set-cookie': ['sid=x'],
        'Content-Security-Policy': 'default-src *',
        'strict-transport-security': 'max-age=1',
        'x-frame-options': 'ALLOW',
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        connection: 'close',
        'keep-alive': 'timeout=5',
        'content-type': 'text/plain',
        etag: '"1"',
        'x-custom': 'kept',
      }),
    ).toEqual({ 'content-type': 'text/plain', etag: '"1"', 'x-custom': 'kept' });
  });
});

describe('rewriteLocation', () => {
  const target = 'http://10.0.0.5:4000/v1';
  it.each([
    ['http://10.0.0.5:4000/v1/notes/2?x=1#h', '/api/notes/notes/2?x=1#h'],
    ['/v1/notes', '/api/notes/notes'],
    ['notes', '/api/notes/notes'],
    ['http://10.0.0.5:4000/v1', '/api/notes'],
    ['http://10.0.0.5:4000/elsewhere', '/api/notes/elsewhere'],
    ['https://github.com/login', 'https://github.com/login'],
  ])('%s → %s: the backend’s own address never reaches the browser', (value, expected) => {
    expect(rewriteLocation(value, target, '/api/notes')).toBe(expected);
  });
});
