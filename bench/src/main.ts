import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAverage } from './measure/memory.ts';
import { readOptions, type BenchOptions } from './options.ts';
import { writeFormatted, writeJson } from './report/json.ts';
import { renderMarkdown } from './report/markdown.ts';
import { evaluateTargets } from './report/targets.ts';
import type { BenchResults } from './results.ts';
import { runLoadPhase } from './run/load-phase.ts';
import { runLoginPhase } from './run/login-phase.ts';
import { describeMachine, describeVersions, gitState } from './run/machine.ts';
import { runPagePhase } from './run/page-phase.ts';
import { runProfilePhase } from './run/profile-phase.ts';
import { runProxyPhase } from './run/proxy-phase.ts';
import { startStage } from './run/stage.ts';
import { compilePrograms } from './support/compile.ts';
import { ROOT } from './support/paths.ts';

const started = performance.now();
const log = (line: string) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  if (process.argv.includes('--render-only')) {
    // Re-renders the Markdown from the JSON of the last run (after a change to the report's layout).
    const results = JSON.parse(readFileSync(join(ROOT, options.jsonPath), 'utf8')) as BenchResults;
    await writeFormatted(join(ROOT, options.markdownPath), renderMarkdown(results), 'markdown');
    log(`rendered ${options.markdownPath} from ${options.jsonPath}`);
    return;
  }
  const loadStart = loadAverage();
  log(`${options.smoke ? 'smoke' : 'full'} run; load average ${loadStart}`);
  buildProduct(options);
  await compilePrograms();

  const stage = await startStage(options, log);
  let partial: Omit<BenchResults, 'targets' | 'meta' | 'profile'>;
  try {
    const load = await runLoadPhase(stage.measurements, options, log);
    const login = await runLoginPhase(stage.products, stage.stub.server.pid, options, log);
    const cookie = stage.productSqlite.cookies[0]!;
    const page = await runPagePhase(stage.productSqlite.publicUrl, cookie, options, log).catch((err: unknown) => ({
      skipped: `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    }));
    // Only the stand-in and the small database stay for the profile; the rest stop first.
    for (const m of stage.measurements) await m.contender.server.stop();
    const proxy = await runProxyPhase(stage.productSqlite.meBody, options, log).catch((err: unknown) => ({
      skipped: `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    }));
    partial = { load, skipped: stage.skipped, seeding: stage.seeding, login, page, proxy };
  } catch (err) {
    await stage.close();
    throw err;
  }
  const profile = await runProfilePhase(stage.stub.url, stage.smallDbPath, options, log).catch((err: unknown) => ({
    skipped: `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
  }));
  await stage.close();

  const git = gitState();
  const withoutTargets: Omit<BenchResults, 'targets'> = {
    meta: {
      date: new Date().toISOString(),
      mode: options.smoke ? 'smoke' : 'full',
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      durationSeconds: (performance.now() - started) / 1000,
      machine: describeMachine(loadStart),
      settings: settingsOf(options),
      versions: describeVersions(),
      gitCommit: git.commit,
      gitDirty: git.dirty,
    },
    ...partial,
    profile,
  };
  const results: BenchResults = { ...withoutTargets, targets: evaluateTargets(withoutTargets) };
  await writeFormatted(join(ROOT, options.markdownPath), renderMarkdown(results), 'markdown');
  await writeJson(join(ROOT, options.jsonPath), results);
  for (const t of results.targets)
    log(`${t.met === null ? '??' : t.met ? 'ok' : 'MISSED'}  ${t.name}: ${t.measured} (goal ${t.target})`);
  log(`wrote ${options.markdownPath} and ${options.jsonPath} in ${Math.round(results.meta.durationSeconds)} s`);
}

/** The full run measures what `npm run build` makes now; the smoke run reuses a build that exists. */
function buildProduct(options: BenchOptions): void {
  const built = ['apps/bff/dist/server.js', 'apps/github-stub/dist/main.js', 'apps/web/dist/index.html'].every((f) =>
    existsSync(join(ROOT, f)),
  );
  if (options.build === 'never' || (options.build === 'if-missing' && built)) {
    if (!built) throw new Error('--no-build, but apps/*/dist is missing: run `npm run build` first');
    log('using the existing build (apps/*/dist)');
    return;
  }
  log('npm run build');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
}

function settingsOf(o: BenchOptions): Record<string, number | string> {
  return {
    rounds: o.rounds,
    seconds: o.seconds,
    warmupSeconds: o.warmupSeconds,
    roundWarmupSeconds: o.roundWarmupSeconds,
    connections: o.connections,
    smallStore: o.smallStore,
    largeStore: o.largeStore,
    spreadCookies: o.spreadCookies,
    loginRounds: o.loginRounds,
    loginSeconds: o.loginSeconds,
    loginConcurrency: o.loginConcurrency,
    pageLoads: o.pageLoads,
    profileSeconds: o.profileSeconds,
  };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
