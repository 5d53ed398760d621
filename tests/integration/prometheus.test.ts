import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/child-process.ts';
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
    const ratio = await prometheus.query('sum(bff_sign_ins_total{outcome!="success"}) / sum(bff_sign_ins_total)');
    expect(ratio.map((r) => r.value)).toEqual([0.5]);
  });

  it('runs every alert expression of the README\'s "Operating it" section', async () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```promql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    const expressions = blocks.flatMap((b) => b.split('\n')).filter((l) => l.trim() && !l.startsWith('#'));
    expect(expressions.length).toBeGreaterThanOrEqual(5);
    // Each is valid PromQL over series the BFF exports (a typo in a metric name would be valid
    // PromQL too, so the names are checked against the scrape).
    const exported = new Set(await prometheus.metricNames());
    for (const expression of expressions) {
      await expect(prometheus.query(expression), expression).resolves.toBeDefined();
      for (const name of expression.match(/\b(bff|http_server)_[a-z_]+/g) ?? []) {
        expect(exported, `${name} in ${expression}`).toContain(name.replace(/_(bucket|count|sum)$/, ''));
      }
    }
  });
});
