import type { ProfileRow } from '../measure/profile.ts';
import type { BenchResults } from '../results.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function table(rows: readonly ProfileRow[], head: string): string[] {
  return [
    `| ${head} | Share of busy CPU | ms |`,
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.name.replace(/\|/g, '\\|')} | ${pct(r.share)} | ${r.ms.toFixed(0)} |`),
  ];
}

/** The profile of GET /api/me: where the server's CPU goes, for the lead to act on. */
export function analysisSection(r: BenchResults): string[] {
  const out = ['## Analysis: profile of GET /api/me', ''];
  if ('skipped' in r.profile) return [...out, `Skipped: ${r.profile.skipped}`, ''];
  const p = r.profile;
  out.push(
    `The production server (SQLite store) under the same load (${r.meta.settings.connections} connections, one live session, ` +
      `${p.seconds} s, ${Math.round(p.rps).toLocaleString('en')} req/s while profiled) with \`node --cpu-prof --cpu-prof-interval ${p.intervalUs}\`. ` +
      `${(p.busyMs / 1000).toFixed(1)} s of busy CPU were sampled during the measured load only (idle, start-up, sign-in and a 3 s warm-up excluded). ` +
      "Shares are of busy CPU on the server's one thread.",
    '',
    "### Where a request's CPU goes, largest first",
    '',
    ...[...p.stages, ...p.derived]
      .filter((s) => s.share >= 0.001)
      .sort((a, b) => b.share - a.share)
      .map((s) => `- **${pct(s.share)}** ${s.name}`),
    '',
    '### Stages of a request (inclusive: a sample counts for every stage on its stack, so stages overlap)',
    '',
    'Only the synchronous part of a call is on its stack (what runs after an `await` is not), and native calls ' +
      "(better-sqlite3's statement, OpenSSL's AES) are not frames of their own: their time is self time of the JavaScript that called them.",
    '',
    ...table([...p.stages, ...p.derived], 'Stage'),
    '',
    '### Self time by where the code lives',
    '',
    ...table(p.byArea, 'Area'),
    '',
    '### Top functions by self time',
    '',
    ...table(p.topSelf, 'Function — file:line'),
    '',
  );
  return out;
}
