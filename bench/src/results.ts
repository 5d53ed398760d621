import type { LoginResult } from './measure/login.ts';
import type { LoadResult } from './measure/http.ts';
import type { PageLoads } from './measure/page.ts';
import type { ProfileSummary } from './measure/profile.ts';
import type { Spread } from './measure/stats.ts';
import type { StreamResult } from './measure/streaming.ts';
import type { WebSocketResult } from './measure/websocket.ts';

/** Everything one run measured: written as latest.json and rendered as BENCHMARKS.md. */
export interface BenchResults {
  readonly meta: {
    readonly date: string;
    readonly mode: 'full' | 'smoke';
    readonly command: string;
    readonly durationSeconds: number;
    readonly machine: Machine;
    readonly settings: Record<string, number | string>;
    readonly versions: Record<string, string>;
    readonly gitCommit: string;
    readonly gitDirty: boolean;
  };
  readonly load: readonly MeasuredLoad[];
  readonly skipped: readonly { key: string; label: string; reason: string }[];
  readonly seeding: readonly SeedingResult[];
  readonly login: readonly { key: string; label: string; rounds: readonly LoginResult[] }[];
  readonly page: PageResult | { readonly skipped: string };
  readonly profile:
    | (ProfileSummary & { readonly seconds: number; readonly rps: number; readonly intervalUs: number })
    | { readonly skipped: string };
  /** Issue 11's proxy phase; absent in results written before it existed. */
  readonly proxy?: ProxyResults | { readonly skipped: string };
  readonly targets: readonly Target[];
}

/** `/api/<name>/*` through the BFF against the backend alone, a hand-rolled Koa proxy and nginx. */
export interface ProxyResults {
  readonly load: readonly MeasuredLoad[];
  readonly skippedContenders: readonly { key: string; label: string; reason: string }[];
  readonly streaming: readonly (StreamResult & { readonly direction: 'download' | 'upload' })[];
  readonly websocket: {
    readonly connections: number;
    readonly window: number;
    readonly direct: readonly WebSocketResult[];
    readonly bff: readonly WebSocketResult[];
  };
  readonly profile:
    | (ProfileSummary & { readonly seconds: number; readonly rps: number; readonly intervalUs: number })
    | { readonly skipped: string };
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
  readonly loadAverageStart: string;
  readonly loadAverageEnd: string;
}

export interface MeasuredLoad {
  readonly key: string;
  readonly label: string;
  readonly notes: string;
  readonly group: 'who-am-i' | 'store-size' | 'reference' | 'proxy';
  readonly cookies: number;
  readonly rounds: readonly LoadResult[];
  readonly rps: Spread;
  readonly p50: Spread;
  readonly p99: Spread;
  readonly errors: number;
  readonly memory: { readonly idleMb: number; readonly afterLoadMb: number; readonly peakMb: number };
}

export interface SeedingResult {
  readonly label: string;
  readonly count: number;
  readonly method: string;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly fileBytes: number;
}

export interface PageResult {
  readonly product: { jsGzip: number; cssGzip: number; files: readonly string[] };
  readonly baseline: { jsGzip: number; cssGzip: number; files: readonly string[] };
  /** Product minus baseline, JS + CSS gzipped. */
  readonly ownCodeGzip: number;
  /** The signed-in page. */
  readonly loads: PageLoads;
  readonly signedOutLoads?: PageLoads;
  /** The smallest React 19 app (bench/baseline-app), loaded the same way, interleaved. */
  readonly baselineLoads?: PageLoads;
}

export interface Target {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  /** null when it could not be measured in this run. */
  readonly met: boolean | null;
}
