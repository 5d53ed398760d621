import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeIfInstalled, findBinary } from './binary-guard.ts';
import { spawnProcess } from './child-process.ts';
import { freePort } from './free-port.ts';
import { waitForHttp } from './wait-for-http.ts';

export const PROMETHEUS_INSTALL_HINT =
  'These tests need Prometheus on PATH. On Debian/Ubuntu: `sudo apt-get install prometheus`.';

/** `describe` when Prometheus is here; skipped loudly locally, a failure under CI=true. */
export function describeWithPrometheus(name: string, body: () => void): void {
  describeIfInstalled(findBinary('prometheus') !== undefined, PROMETHEUS_INSTALL_HINT, name, body);
}

export interface Prometheus {
  readonly url: string;
  /** A PromQL instant query through Prometheus's HTTP API: each series' labels and value. */
  query(promql: string): Promise<{ labels: Record<string, string>; value: number }[]>;
  /** The metric names (families) Prometheus has scraped, with or without series yet. */
  metricNames(): Promise<string[]>;
  close(): Promise<void>;
}

/** A real Prometheus of the test's own, scraping `target` (host:port, path /metrics) every second. */
export async function startPrometheus(target: string): Promise<Prometheus> {
  const binary = findBinary('prometheus');
  if (!binary) throw new Error(PROMETHEUS_INSTALL_HINT);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bff-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    `global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: bff
    static_configs:
      - targets: ['${target}']
`,
  );
  const child = spawnProcess({
    name: 'prometheus',
    command: binary,
    args: [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    keepBytes: 64 * 1024,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(child, `${url}/-/ready`, { ready: (status) => status === 200, timeoutMs: 30_000 });
  } catch (err) {
    await child.stop({ signal: 'SIGKILL' });
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    async query(promql) {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await res.json()) as {
        status: string;
        error?: string;
        data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      if (body.status !== 'success' || !body.data)
        throw new Error(`Prometheus: ${promql}: ${body.error ?? res.status}`);
      return body.data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
    },
    async metricNames() {
      const res = await fetch(`${url}/api/v1/metadata`);
      const body = (await res.json()) as { data?: Record<string, unknown> };
      return Object.keys(body.data ?? {});
    },
    async close() {
      await child.stop({ graceMs: 5000 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
