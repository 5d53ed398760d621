/** How long and how often: the full run for BENCHMARKS.md, or CI's smoke run that only proves it works. */
export interface BenchOptions {
  readonly smoke: boolean;
  readonly build: 'always' | 'if-missing' | 'never';
  readonly rounds: number;
  readonly seconds: number;
  /** Unmeasured load before the first round (JIT, caches), and before each measurement. */
  readonly warmupSeconds: number;
  readonly roundWarmupSeconds: number;
  readonly connections: number;
  readonly smallStore: number;
  readonly largeStore: number;
  /** How many seeded sessions the store-size runs spread their requests over. */
  readonly spreadCookies: number;
  readonly loginRounds: number;
  readonly loginSeconds: number;
  readonly loginConcurrency: number;
  readonly pageLoads: number;
  readonly profileSeconds: number;
  /** Where BENCHMARKS.md and the JSON go (relative to the repository root). */
  readonly markdownPath: string;
  readonly jsonPath: string;
}

export function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const smoke = argv.includes('--smoke') || env.BENCH_SMOKE === '1';
  const build = argv.includes('--no-build') ? 'never' : smoke ? 'if-missing' : 'always';
  const outDir = valueOf(argv, '--out');
  if (smoke) {
    return {
      smoke,
      build,
      rounds: 1,
      seconds: 1,
      warmupSeconds: 0.5,
      roundWarmupSeconds: 0,
      connections: 32,
      smallStore: 100,
      largeStore: 1000,
      spreadCookies: 100,
      loginRounds: 1,
      loginSeconds: 1,
      loginConcurrency: 8,
      pageLoads: 3,
      profileSeconds: 1,
      markdownPath: `${outDir ?? 'bench/results/smoke'}/BENCHMARKS.md`,
      jsonPath: `${outDir ?? 'bench/results/smoke'}/latest.json`,
    };
  }
  return {
    smoke,
    build,
    rounds: Number(valueOf(argv, '--rounds') ?? 5),
    seconds: Number(valueOf(argv, '--seconds') ?? 10),
    warmupSeconds: 5,
    roundWarmupSeconds: 2,
    connections: 32,
    smallStore: 1000,
    largeStore: 1_000_000,
    spreadCookies: 1000,
    loginRounds: 3,
    loginSeconds: 10,
    loginConcurrency: 8,
    pageLoads: 31,
    profileSeconds: 20,
    markdownPath: outDir ? `${outDir}/BENCHMARKS.md` : 'BENCHMARKS.md',
    jsonPath: outDir ? `${outDir}/latest.json` : 'bench/results/latest.json',
  };
}

function valueOf(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}
