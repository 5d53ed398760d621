import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdentityKey } from '../support/identity-keys.ts';
import { deltas, scrape } from '../support/metrics.ts';
import { startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.ts';
import { API_HEADERS, getMe, signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { describeWithStore } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { waitUntil } from '../support/wait.ts';

const SERIES = {
  signInsOk: ['bff_sign_ins_total', { outcome: 'success' }],
  signInsDenied: ['bff_sign_ins_total', { outcome: 'access_denied' }],
  signInsAll: ['bff_sign_ins_total'],
  started: ['bff_sessions_started_total'],
  endedLogout: ['bff_sessions_ended_total', { reason: 'logout' }],
  endedIdle: ['bff_sessions_ended_total', { reason: 'idle' }],
  endedAll: ['bff_sessions_ended_total'],
  upstream2xx: ['bff_upstream_requests_total', { upstream: 'rec', status_class: '2xx' }],
  upstreamAll: ['bff_upstream_requests_total'],
  upstreamTimed: ['bff_upstream_request_duration_seconds_count', { upstream: 'rec' }],
  storeErrors: ['bff_session_store_errors_total', { store: 'redis' }],
  storeGetErrors: ['bff_session_store_errors_total', { store: 'redis', operation: 'get' }],
  tokenExchanges: ['bff_github_requests_total', { endpoint: 'oauth_token', status_class: '2xx' }],
  userCalls: ['bff_github_requests_total', { endpoint: 'user', status_class: '2xx' }],
  me200: ['http_server_request_duration_seconds_count', { http_route: '/api/me', http_response_status_class: '2xx' }],
  me503: ['http_server_request_duration_seconds_count', { http_route: '/api/me', http_response_status_class: '5xx' }],
  proxied: ['http_server_request_duration_seconds_count', { http_route: '/api/rec/{*rest}' }],
} as const;

describeWithStore('redis', (store) => {
  let upstream: RecordingUpstream;
  let stack: Stack;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    stack = await startStack(
      store.stackOptions({
        metrics: true,
        env: {
          IDENTITY_SIGNING_KEYS: newIdentityKey(),
          API_UPSTREAMS: JSON.stringify([{ name: 'rec', target: upstream.url }]),
        },
      }),
    );
  });
  afterAll(async () => {
    await stack.close();
    await upstream.close();
  });

  it('a scripted sequence moves each counter by exactly what happened', async () => {
    const before = await scrape(stack.metricsUrl);
    const mona = new TestBrowser();
    const hubot = new TestBrowser();
    await signIn(mona, stack, { login: 'mona' });
    await signIn(hubot, stack, { login: 'hubot' });
    const refused = await signIn(new TestBrowser(), stack, { decision: 'deny' });
    expect(refused.callback.headers.get('location')).toBe('/?auth_error=access_denied');
    expect((await getMe(mona, stack)).status).toBe(200);
    expect((await mona.post(`${stack.url}/auth/logout`, API_HEADERS)).status).toBe(204);
    expect((await hubot.get(`${stack.url}/api/rec/notes`, API_HEADERS)).status).toBe(200);
    // A store outage: one /api/me that cannot read its session.
    await store.redis().stop();
    let unavailable = 0;
    const me = async () => {
      const { status } = await getMe(hubot, stack);
      if (status === 503) unavailable++;
      return status;
    };
    expect(await me()).toBe(503);
    await store.redis().start();
    await waitUntil(async () => (await me()) === 200, { what: 'the store to be back', timeoutMs: 5000 });
    // And an idle timeout, noticed on the next request.
    stack.clock.advance(stack.config.session.idleTimeoutMs + 1000);
    expect((await getMe(hubot, stack)).status).toBe(401);

    const after = await scrape(stack.metricsUrl);
    const moved = deltas(before, after, SERIES);
    expect(moved).toMatchObject({
      signInsOk: 2,
      signInsDenied: 1,
      signInsAll: 3,
      started: 2,
      endedLogout: 1,
      endedIdle: 1,
      endedAll: 2,
      upstream2xx: 1,
      upstreamAll: 1,
      upstreamTimed: 1,
      storeGetErrors: unavailable,
      tokenExchanges: 2,
      me503: unavailable,
      proxied: 1,
    });
    // Only session reads failed (nothing else was tried while Redis was down).
    expect(moved.storeErrors).toBe(unavailable);
    // /user at sign-in (twice), and nothing more: no re-check was due.
    expect(moved.userCalls).toBe(2);
    expect(moved.me200).toBeGreaterThanOrEqual(2);
  });

  it('exports the process metrics, the rate-limit headroom and the store timings', async () => {
    const now = await scrape(stack.metricsUrl);
    expect(now.value('process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(now.value('nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    // The stand-in sends X-RateLimit-Remaining like GitHub; the lowest seen is below its limit.
    const remaining = now.value('bff_github_rate_limit_remaining');
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThan(5000);
    expect(
      now.value('bff_session_store_operation_duration_seconds_count', { store: 'redis', operation: 'create' }),
    ).toBe(2);
    expect(now.value('http_server_active_requests')).toBe(0);
  });
});

describe('the metrics listener', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ metrics: true });
  });
  afterAll(() => stack.close());

  it('is not on the public port: /metrics there is the SPA or a 404, never the metrics', async () => {
    for (const path of ['/metrics', '/api/metrics', '/metrics?x=1']) {
      const res = await fetch(`${stack.url}${path}`, { headers: API_HEADERS });
      const body = await res.text();
      expect(body).not.toContain('# TYPE');
      expect(body).not.toContain('bff_sign_ins_total');
    }
  });

  it('serves only GET /metrics, uncached, in the text format Prometheus reads', async () => {
    const res = await fetch(stack.metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const base = stack.metricsUrl.replace(/\/metrics$/, '');
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics/x`)).status).toBe(404);
    expect((await fetch(stack.metricsUrl, { method: 'POST' })).status).toBe(404);
  });

  it('keeps labels bounded: after a fuzzed run every label value comes from a fixed set', async () => {
    const browser = new TestBrowser();
    await signIn(browser, stack, { login: 'hubot' });
    const segment = fc.stringMatching(/^[A-Za-z0-9._~%-]{1,12}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'DELETE', 'PATCH', 'PROPFIND', 'BREW'),
        fc.constantFrom('/api/', '/api/sessions/', '/api/github/', '/auth/', '/', '/assets/'),
        fc.array(segment, { minLength: 0, maxLength: 3 }),
        async (method, prefix, segments) => {
          const res = await browser.request(`${stack.url}${prefix}${segments.join('/')}`, {
            method,
            headers: { ...API_HEADERS, 'User-Agent': `fuzz ${segments.join(' ')}` },
          });
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 120 },
    );
    const now = await scrape(stack.metricsUrl);
    const allowed = {
      http_request_method: /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE|_OTHER)$/,
      // Route templates of the router (they start with / and hold only :params and {*wildcards}),
      // or one of the two fixed names.
      http_route: /^(\((unmatched|static)\)|(\/([a-z.-]+|:[a-z]+|\{\*[a-z]+\}))+|\/)$/,
      http_response_status_class: /^[1-5]xx$/,
      endpoint:
        /^(user|user_emails|user_orgs|user_teams|org_membership|team_membership|app_token|app_grant|oauth_token|proxy)$/,
      status_class: /^([1-5]xx|error)$/,
      outcome: /^[a-z_]+$/,
      reason:
        /^(logout|idle|absolute|sign_out_others|sign_out_device|disconnect|recheck|revoked|replaced|webhook|token_limit|sso_required)$/,
      store: /^(sqlite|redis)$/,
      operation: /^[a-zA-Z]+$/,
    } as const;
    for (const family of now.families) {
      for (const sample of family.metrics) {
        for (const [label, value] of Object.entries(sample.labels ?? {})) {
          if (label === 'le' || family.name.startsWith('nodejs_') || family.name.startsWith('process_')) continue;
          // No user id, login, address, user agent or path fragment ever becomes a label value.
          expect(value).not.toMatch(/hubot|mona|127\.0\.0\.1|fuzz/);
          const rule = (allowed as Record<string, RegExp>)[label];
          expect(rule, `${family.name}{${label}} is a label this test knows`).toBeDefined();
          expect(value, `${family.name}{${label}="${value}"}`).toMatch(rule ?? /$^/);
        }
      }
    }
    // The fuzzed paths became a handful of templates, not one series each.
    expect(now.labelValues('http_server_request_duration_seconds_count', 'http_route').length).toBeLessThan(20);
  });
});
