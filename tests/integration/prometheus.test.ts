import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPrometheus, describeWithPrometheus, type Prometheus } from '../support/prometheus.ts';
import { signIn } from '../support/sign-in.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { waitUntil } from '../support/wait.ts';

describeWithPrometheus('a real Prometheus scraping the BFF', () => {
  let stack: Stack;
  let prometheus: Prometheus;
  beforeAll(async () => {
    stack = await startStack({ metrics: true });
    prometheus = await startPrometheus(new URL(stack.metricsUrl).host);
  }, 60_000);
  afterAll(async () => {
    await prometheus.close();
    await stack.close();
  });

  it('scrapes the metrics listener and reads a sign-in back through its HTTP API', async () => {
    await signIn(new TestBrowser(), stack);
    await signIn(new TestBrowser(), stack, { decision: 'deny' });
    const sum = async (promql: string) => (await prometheus.query(promql)).reduce((n, r) => n + r.value, 0);
    await waitUntil(async () => (await sum('bff_sign_ins_total{outcome="success"}')) === 1, {
      what: 'Prometheus to have scraped the sign-in',
      timeoutMs: 20_000,
      intervalMs: 250,
    });
    expect(await prometheus.query('up{job="bff"}')).toEqual([
      { labels: expect.objectContaining({ job: 'bff' }), value: 1 },
    ]);
    expect(await sum('bff_sign_ins_total{outcome="access_denied"}')).toBe(1);
    expect(await sum('bff_sessions_started_total')).toBe(1);
    // The PromQL the README gives operators runs as written.
    const ratio = await prometheus.query(
      'sum(bff_sign_ins_total{outcome!="success"}) / clamp_min(sum(bff_sign_ins_total), 1)',
    );
    expect(ratio.map((r) => r.value)).toEqual([0.5]);
  });
});
