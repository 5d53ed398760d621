import type { LoginResult } from '../measure/login.ts';
import { median } from '../measure/stats.ts';
import type { BenchResults, MeasuredLoad } from '../results.ts';
import { analysisSection } from './analysis.ts';
import { gapsSection } from './gaps.ts';
import { proxySection } from './proxy-section.ts';
import { roundRatios } from './targets.ts';

const n0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '—');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const mark = (met: boolean | null) => (met === null ? '⚠️ not measured' : met ? '✅ met' : '❌ missed');

export function renderMarkdown(r: BenchResults): string {
  const m = r.meta;
  const out: string[] = [];
  out.push('# Benchmarks', '');
  if (m.mode === 'smoke')
    out.push('> **Smoke run** (CI): too short to mean anything; it only proves the bench runs.', '');
  out.push(
    `Measured ${m.date} with \`${m.command}\` (${Math.round(m.durationSeconds)} s), at commit \`${m.gitCommit}\`` +
      `${m.gitDirty ? ' with uncommitted changes under apps/' : ''}. All contenders ran in one process tree on one machine, interleaved.`,
    '',
    '## Machine',
    '',
    `- ${m.machine.cpu}, ${m.machine.cores} cores, ${m.machine.memoryGb} GB, ${m.machine.os}, Node ${m.machine.node}`,
    `- Load average (1, 5, 15 min) at start: ${m.machine.loadAverageStart}; at end: ${m.machine.loadAverageEnd}. ` +
      'Other work on the machine lowers every contender alike (interleaving), but lowers absolute numbers.',
    `- Load generator: autocannon ${m.versions.autocannon} in the bench process, ${m.settings.connections} connections; ` +
      'server and load generator share the 2 cores (the node:http row shows the ceiling this puts on any server).',
    `- ${m.settings.rounds} rounds × ${m.settings.seconds} s per contender, random order each round, ` +
      `${m.settings.warmupSeconds} s warm-up each before round 1 and ${m.settings.roundWarmupSeconds} s before each measurement. Figures are medians of the rounds, (min–max) across rounds.`,
    `- Versions: ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
    '## Targets',
    '',
    '| Target | Goal | Measured | |',
    '| --- | --- | --- | --- |',
    ...r.targets.map((t) => `| ${t.name} | ${t.target} | ${t.measured} | ${mark(t.met)} |`),
    '',
  );
  out.push(
    ...whoAmI(r),
    ...storeSize(r),
    ...login(r),
    ...page(r),
    ...proxySection(r),
    ...analysisSection(r),
    ...gapsSection(r),
    ...method(r),
  );
  return out.join('\n');
}

function loadRow(x: MeasuredLoad): string {
  return (
    `| ${x.label} | ${n0(x.rps.median)} (${n0(x.rps.min)}–${n0(x.rps.max)}) | ${f2(x.p50.median)} | ` +
    `${f2(x.p99.median)} (${f2(x.p99.min)}–${f2(x.p99.max)}) | ${x.errors} | ${f1(x.memory.idleMb)} / ${f1(x.memory.afterLoadMb)} |`
  );
}

function whoAmI(r: BenchResults): string[] {
  const rows = r.load.filter((x) => x.group !== 'store-size');
  const product = r.load.find((x) => x.key === 'product-sqlite');
  const out = [
    '## 1. "Who am I" with a live session',
    '',
    'Each contender answers its own "who am I" for one signed-in user, with a session cookie it minted itself.',
    '',
    '| Contender | Requests/s | p50 ms | p99 ms | Errors | RSS idle / after load, MB |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(loadRow),
    '',
  ];
  if (product) {
    out.push('Ratios of this product (SQLite) to each, per round (median, min–max):', '');
    out.push('| Against | Throughput ratio | p99 ratio |', '| --- | --- | --- |');
    for (const x of rows.filter((x) => x !== product)) {
      const t = roundRatios(product, x, 'rps');
      const p = roundRatios(product, x, 'p99');
      out.push(
        `| ${x.label} | ${f2(t.median)}× (${f2(t.min)}–${f2(t.max)}) | ${f2(p.median)}× (${f2(p.min)}–${f2(p.max)}) |`,
      );
    }
    out.push('');
  }
  out.push('What each contender is:', '', ...rows.map((x) => `- **${x.label}**: ${x.notes}`));
  for (const s of r.skipped) out.push(`- **${s.label}: skipped.** ${s.reason}`);
  out.push('');
  return out;
}

function storeSize(r: BenchResults): string[] {
  const rows = r.load.filter((x) => x.group === 'store-size');
  const [small, large] = rows;
  const out = [
    '## 2. Cost as work grows',
    '',
    `Same production server, SQLite store seeded with N signed-in sessions; each request carries one of ${rows[0]?.cookies ?? 0} seeded ` +
      'session cookies picked at random (spread over the whole key space), so the load reads many rows, not one cached one. ' +
      'The database file is in the OS page cache (it was just written): this measures the b-tree and the store code, not a cold disk.',
    '',
    '| Store | Requests/s | p50 ms | p99 ms | Errors | RSS idle / after load, MB |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(loadRow),
    '',
  ];
  if (small && large) {
    const t = roundRatios(large, small, 'rps');
    out.push(`Large/small throughput, per round: ${f2(t.median)}× (${f2(t.min)}–${f2(t.max)}).`, '');
  }
  out.push("Seeding (the product's own store code and codec, same SESSION_SECRET):", '');
  out.push('| Store | Sessions | Time | Rows/s | File | Method |', '| --- | --- | --- | --- | --- | --- |');
  for (const s of r.seeding) {
    out.push(
      `| ${s.label} | ${n0(s.count)} | ${f2(s.seconds)} s | ${n0(s.rowsPerSecond)} | ${s.fileBytes ? `${f1(s.fileBytes / 1e6)} MB` : '—'} | ${s.method} |`,
    );
  }
  out.push('');
  return out;
}

function login(r: BenchResults): string[] {
  const out = [
    '## 3. Login throughput',
    '',
    `Complete sign-ins (/auth/login → stand-in authorize with \`stub_login\` → /auth/callback, which exchanges the code and ` +
      `reads /user and /user/emails from the stand-in), ${r.meta.settings.loginConcurrency} at a time, each with a fresh cookie jar. ` +
      'The stand-in runs in its own process: CPU per sign-in is read from /proc for the BFF, the stand-in and the client, ' +
      "so the BFF's own share does not depend on how fast the stand-in is.",
    '',
    '| Store | Sign-ins/s | p50 / p99 ms | Hops p50 ms (login · authorize · callback) | CPU ms per sign-in: BFF · stand-in · client | BFF share of server CPU | BFF-only ceiling, sign-ins/s per core | Failed |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const l of r.login) {
    const med = (f: (x: LoginResult) => number) => median(l.rounds.map(f));
    const bff = med((x) => x.bffCpuMs);
    const stub = med((x) => x.stubCpuMs);
    const failed = l.rounds.reduce((s, x) => s + x.failed, 0);
    const rates = l.rounds.map((x) => x.perSecond);
    out.push(
      `| ${l.label} | ${f1(med((x) => x.perSecond))} (${f1(Math.min(...rates))}–${f1(Math.max(...rates))}) | ${f1(med((x) => x.p50Ms))} / ${f1(med((x) => x.p99Ms))} | ` +
        `${f1(med((x) => x.loginHopMs))} · ${f1(med((x) => x.authorizeHopMs))} · ${f1(med((x) => x.callbackHopMs))} | ` +
        `${f2(bff)} · ${f2(stub)} · ${f2(med((x) => x.clientCpuMs))} | ${f1((100 * bff) / (bff + stub))} % | ${n0(1000 / bff)} | ${failed}${failed ? ` (${l.rounds.find((x) => x.firstError)?.firstError})` : ''} |`,
    );
  }
  out.push('');
  return out;
}

function page(r: BenchResults): string[] {
  const out = ['## 4. The page', ''];
  if ('skipped' in r.page) return [...out, `Skipped: ${r.page.skipped}`, ''];
  const p = r.page;
  out.push(
    'Initial JavaScript and CSS named in the built `index.html`, gzipped (zlib default level, as Vite reports it). ' +
      'Baseline: `bench/baseline-app`, React 19 + ReactDOM rendering one heading with `createRoot`, built by the same Vite.',
    '',
    '| Build | JS gz | CSS gz | Total gz | Files |',
    '| --- | --- | --- | --- | --- |',
    `| apps/web (product) | ${kb(p.product.jsGzip)} | ${kb(p.product.cssGzip)} | ${kb(p.product.jsGzip + p.product.cssGzip)} | ${p.product.files.join(', ')} |`,
    `| Baseline React 19 app | ${kb(p.baseline.jsGzip)} | ${kb(p.baseline.cssGzip)} | ${kb(p.baseline.jsGzip + p.baseline.cssGzip)} | ${p.baseline.files.join(', ')} |`,
    `| **Product's own code** | ${kb(p.product.jsGzip - p.baseline.jsGzip)} | ${kb(p.product.cssGzip - p.baseline.cssGzip)} | **${kb(p.ownCodeGzip)}** | |`,
    '',
    `Navigation start → first frame with the page's heading in the DOM (by the page's own clock), headless Chromium, ` +
      'production server on localhost, a fresh browser context (empty cache) each load; the three pages interleaved in a new ' +
      'random order every round, one unmeasured round first. Signed in includes index.html, the JS and CSS, /api/meta and ' +
      '/api/me (started by `early-requests.js` while the bundle loads). The baseline is the React app above, served by a plain ' +
      'node:http static server on localhost.',
    '',
    '| Page | Median ms | p90 ms | Range ms | vs React baseline |',
    '| --- | --- | --- | --- | --- |',
    ...[
      ['Signed in (Welcome)', p.loads],
      ['Signed out (Login)', p.signedOutLoads],
      ['Smallest React 19 app', p.baselineLoads],
    ].flatMap(([name, loads]) =>
      loads && typeof loads !== 'string'
        ? [
            `| ${name as string} | ${f1(loads.medianMs)} | ${f1(loads.p90Ms)} | ${f1(loads.minMs)}–${f1(loads.maxMs)} | ${
              p.baselineLoads ? `${(loads.medianMs / p.baselineLoads.medianMs).toFixed(2)}×` : '—'
            } |`,
          ]
        : [],
    ),
    '',
  );
  return out;
}

function method(r: BenchResults): string[] {
  return [
    '## How to run',
    '',
    '```sh',
    'npm run bench              # full run: builds (npm run build), writes BENCHMARKS.md and bench/results/latest.json',
    'npm run bench -- --smoke   # CI smoke (or BENCH_SMOKE=1): ~1 s per contender, writes bench/results/smoke/',
    'npm run bench -- --no-build --rounds 3 --seconds 5',
    'npm run bench -- --render-only   # BENCHMARKS.md again from bench/results/latest.json',
    '```',
    '',
    `Every measurement is preceded by a check that the endpoint answers 200 with the expected user for the cookies in use; ` +
      'non-2xx answers, socket errors and timeouts during the load are counted as errors. Latency percentiles are computed by the bench ' +
      "from every 2xx response time autocannon reports (sub-millisecond), not from autocannon's whole-millisecond histogram. " +
      `Memory is the server process's RSS from /proc (idle: after start-up, one sign-in and 2 s of rest; after: after the last round). ` +
      `Machine-readable results: \`${r.meta.mode === 'smoke' ? 'bench/results/smoke/latest.json' : 'bench/results/latest.json'}\`.`,
    '',
  ];
}
