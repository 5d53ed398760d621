import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newIdentityKey } from '../support/identity-keys.ts';
import { memoryLog, type MemoryLog } from '../support/memory-log.ts';
import { startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.ts';
import { API_HEADERS, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each([
  ['without TRUST_PROXY', false],
  ['with TRUST_PROXY', true],
] as const)('request ids, %s', (_title, trustProxy) => {
  let upstream: RecordingUpstream;
  let stack: Stack;
  let log: MemoryLog;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    log = memoryLog();
    stack = await startStack({
      log: log.logger,
      env: {
        ...(trustProxy ? { TRUST_PROXY: 'true' } : {}),
        IDENTITY_SIGNING_KEYS: newIdentityKey(),
        API_UPSTREAMS: JSON.stringify([{ name: 'rec', target: upstream.url }]),
      },
    });
  });
  afterAll(async () => {
    await stack.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.seen.length = 0;
  });

  it('every answer carries a new id when the request brings none', async () => {
    const ids = new Set<string>();
    for (const path of ['/api/meta', '/api/me', '/auth/login', '/healthz', '/no-such-page', '/api/nope']) {
      const res = await fetch(`${stack.url}${path}`, { headers: API_HEADERS, redirect: 'manual' });
      const id = res.headers.get('x-request-id') ?? '';
      expect(id, path).toMatch(UUID);
      ids.add(id);
    }
    expect(ids.size).toBe(6);
  });

  it(`${trustProxy ? 'takes' : 'ignores'} a well-formed X-Request-Id from the proxy in front`, async () => {
    const res = await fetch(`${stack.url}/api/meta`, { headers: { ...API_HEADERS, 'X-Request-Id': 'edge-42.a:b_c' } });
    if (trustProxy) expect(res.headers.get('x-request-id')).toBe('edge-42.a:b_c');
    else expect(res.headers.get('x-request-id')).toMatch(UUID);
  });

  it.each(['has space', 'a\tb', 'x'.repeat(129), 'quote"d', 'semi;colon', '{"json":1}', 'a,b', ''])(
    'never takes a malformed id (%s): a new one instead',
    async (given) => {
      const res = await fetch(`${stack.url}/api/meta`, {
        headers: { ...API_HEADERS, 'X-Request-Id': given },
      });
      const id = res.headers.get('x-request-id') ?? '';
      expect(id).toMatch(UUID);
    },
  );

  it('forwards the id to your API and names it in every log line of the request', async () => {
    const browser = new TestBrowser();
    await signIn(browser, stack);
    const res = await browser.get(`${stack.url}/api/rec/notes`, {
      ...API_HEADERS,
      ...(trustProxy ? { 'X-Request-Id': 'from-the-edge-1' } : { 'X-Request-Id': 'forged-by-client' }),
    });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).toBe(trustProxy ? 'from-the-edge-1' : id);
    if (!trustProxy) expect(id).toMatch(UUID);
    expect(upstream.seen).toHaveLength(1);
    expect(upstream.seen[0]?.headers['x-request-id']).toBe(id);

    // The sign-in's callback wrote more than its request line; each line carries that request's id.
    const lines = log.entries().filter((e) => e.msg === 'request' || e.msg === 'signed in' || e.audit === true);
    const callback = lines.filter((e) => e.path === '/auth/callback');
    expect(callback).toHaveLength(1);
    const callbackId = callback[0]?.requestId;
    expect(callbackId).toMatch(UUID);
    const ofCallback = log.entries().filter((e) => e.requestId === callbackId);
    expect(ofCallback.map((e) => e.msg)).toEqual(expect.arrayContaining(['signed in', 'audit: sign_in', 'request']));
    expect(
      log
        .entries()
        .filter((e) => e.msg === 'request' && e.path === '/api/rec/notes')
        .map((e) => e.requestId),
    ).toEqual([id]);
    // Lines written outside any request (startup) carry none.
    for (const entry of log.entries()) if (entry.msg === 'request') expect(entry.requestId).toEqual(expect.any(String));
  });
});
