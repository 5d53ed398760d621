import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  readonly name: string;
  /** Share of the busy (non-idle) time, 0..1. */
  readonly share: number;
  readonly ms: number;
}

export interface ProfileSummary {
  readonly busyMs: number;
  readonly idleMs: number;
  /** Functions by self time. */
  readonly topSelf: readonly ProfileRow[];
  /** Self time grouped by where the code lives (package, product file, Node internals). */
  readonly byArea: readonly ProfileRow[];
  /** Inclusive time of the stages of a request: a sample counts for each stage on its stack. */
  readonly stages: readonly ProfileRow[];
  /** Figures read off the others: AES-GCM alone, the SQLite statement alone. */
  readonly derived: readonly ProfileRow[];
}

/**
 * Inclusive stages: what a reader wants to know about GET /api/me. A sample counts for a
 * stage when any frame of its stack matches (so stages overlap: koa-session contains the store).
 * Only the synchronous part of a call is on its stack: what runs after an `await` is not.
 * Native calls (better-sqlite3's statement, AES) are not frames of their own: their time is
 * self time of the JavaScript function that made them.
 */
const STAGES: readonly { name: string; match: (f: Frame) => boolean }[] = [
  {
    name: 'koa-session (its synchronous work and what it calls: cookie read, store.get, commit)',
    match: (f) => f.url.includes('/koa-session/'),
  },
  { name: 'store.get (SQLite/Redis read + decode)', match: (f) => isStoreFile(f.url) && f.functionName === 'get' },
  {
    name: 'codec.decode (AES-256-GCM open + JSON.parse + zod)',
    match: (f) => f.url.endsWith('session-codec.js') && f.functionName === 'decode',
  },
  { name: 'parseSessionData (JSON.parse + zod)', match: (f) => f.functionName === 'parseSessionData' },
  { name: 'zod (all schema parsing)', match: (f) => f.url.includes('/zod/') },
  { name: 'hashSessionId (SHA-256 of the id)', match: (f) => f.functionName === 'hashSessionId' },
  { name: 'store.set (session written back)', match: (f) => isStoreFile(f.url) && f.functionName === 'set' },
  {
    name: 'cookies + keygrip + tsscmp (cookie parse; signature check: keygrip HMAC-SHA1, then tsscmp compare = randomBytes + 2 HMACs)',
    match: (f) => /\/(cookies|keygrip)\//.test(f.url),
  },
  { name: 'helmet (security headers)', match: (f) => /\/(koa-)?helmet\//.test(f.url) },
  {
    name: 'pino (request log line, incl. its write to stdout)',
    match: (f) => /\/(pino|sonic-boom|pino-std-serializers)\//.test(f.url),
  },
  { name: 'meRoute (+ checkUserSession)', match: (f) => f.url.endsWith('me-route.js') },
  { name: 'socket writes of responses (native writev)', match: (f) => f.url === '' && f.functionName === 'writev' },
  { name: 'garbage collector', match: (f) => f.functionName === '(garbage collector)' },
];

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}

function isStoreFile(url: string): boolean {
  return url.endsWith('sqlite-store.js') || url.endsWith('redis-store.js');
}

/** Where a function lives: a package, a product file, Node's own JavaScript, or V8/native. */
function areaOf(f: Frame): string {
  if (f.functionName === '(garbage collector)') return 'GC';
  if (f.functionName === '(program)') return '(program: native, not attributed)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.url);
  if (pkg) return pkg[1]!;
  const product = /apps\/bff\/dist\/(.+)$/.exec(f.url);
  if (product) return `product: ${product[1]}`;
  if (f.url.startsWith('node:')) return `node: ${f.url.slice('node:'.length).replace(/^internal\//, '')}`;
  if (f.url === '') return `native: ${f.functionName || '(anonymous)'}`;
  return 'other';
}

/**
 * Reads the one .cpuprofile node --cpu-prof wrote into `dir`. Only samples inside `window`
 * count (µs on the monotonic clock, which the profiler and `process.hrtime` share on Linux),
 * so start-up and the sign-in before the load are left out.
 */
export function summariseProfile(dir: string, window: { fromUs: number; toUs: number }, top = 25): ProfileSummary {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < window.fromUs || at > window.toUs) return;
    selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  });

  const frame = (id: number): Frame => byId.get(id)!.callFrame;
  const stageCache = new Map<number, Set<number>>();
  const stagesOf = (id: number): Set<number> => {
    const cached = stageCache.get(id);
    if (cached) return cached;
    const up = parent.get(id);
    const set = new Set(up === undefined ? [] : stagesOf(up));
    STAGES.forEach((s, k) => {
      if (s.match(frame(id))) set.add(k);
    });
    stageCache.set(id, set);
    return set;
  };

  let idleMs = 0;
  let busyMs = 0;
  const fnMs = new Map<string, number>();
  const areaMs = new Map<string, number>();
  const stageMs = new Array<number>(STAGES.length).fill(0);
  for (const [id, ms] of selfMs) {
    const f = frame(id);
    if (f.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : 'native';
    const name = `${f.functionName || '(anonymous)'} — ${where}`;
    fnMs.set(name, (fnMs.get(name) ?? 0) + ms);
    const area = areaOf(f);
    areaMs.set(area, (areaMs.get(area) ?? 0) + ms);
    for (const k of stagesOf(id)) stageMs[k] = (stageMs[k] ?? 0) + ms;
  }
  const rows = (entries: Iterable<[string, number]>): ProfileRow[] =>
    [...entries].map(([name, ms]) => ({ name, ms, share: ms / busyMs })).sort((a, b) => b.ms - a.ms);
  const stageRow = (k: number) => stageMs[k] ?? 0;
  const named = (name: string) => STAGES.findIndex((s) => s.name.startsWith(name));
  const aesMs = stageRow(named('codec.decode')) - stageRow(named('parseSessionData'));
  const sqliteMs = (areaMs.get('product: session/sqlite-store.js') ?? 0) + (areaMs.get('better-sqlite3') ?? 0);
  return {
    busyMs,
    idleMs,
    topSelf: rows(fnMs).slice(0, top),
    byArea: rows(areaMs).slice(0, top),
    stages: STAGES.map((s, k) => ({ name: s.name, ms: stageRow(k), share: stageRow(k) / busyMs })),
    derived: rows([
      ['AES-256-GCM open + base64/Buffer work (codec.decode minus parseSessionData)', aesMs],
      ['SQLite read (self time of sqlite-store.js + better-sqlite3: the native statement runs there)', sqliteMs],
    ]),
  };
}

function shortUrl(url: string): string {
  const pkg = /node_modules\/(.+)$/.exec(url);
  if (pkg) return pkg[1]!;
  const product = /apps\/bff\/dist\/(.+)$/.exec(url);
  if (product) return `bff/${product[1]}`;
  return url.replace(/^file:\/\//, '');
}
