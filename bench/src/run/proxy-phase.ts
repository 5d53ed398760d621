import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Contender } from '../contenders/contender.ts';
import { startStubProcess } from '../contenders/github-stub.ts';
import {
  startKoaProxy,
  startNginxProxy,
  startProxyBackend,
  startProxyProduct,
  UPSTREAM_NAME,
} from '../contenders/proxy.ts';
import { runLoad, verifyContender } from '../measure/http.ts';
import { summariseProfile } from '../measure/profile.ts';
import { measureStream } from '../measure/streaming.ts';
import { runWebSocketLoad, type WebSocketResult } from '../measure/websocket.ts';
import type { BenchOptions } from '../options.ts';
import type { ProxyResults } from '../results.ts';
import { runLoadPhase, type Measurement } from './load-phase.ts';

const MB = 1024 * 1024;
const WS_CONNECTIONS = 8;
const WS_WINDOW = 16;
const PROFILE_INTERVAL_US = 100;
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Issue 11: a 1 kB JSON `GET` through `/api/<name>/*` of the production BFF (signed in, an
 * upstream from API_UPSTREAMS), interleaved round by round with the backend called directly,
 * Koa + koa-session + koa-proxies, and nginx; the BFF's own /api/me in the same process; 100 MB
 * each way with the server's RSS sampled; WebSocket echoes through the BFF and direct; then a
 * CPU profile of the proxied GET. It signs in through a stand-in of its own: the login phase
 * before it leaves the shared one with thousands of sessions and tokens (and, on a loaded
 * machine, failing: github_unavailable).
 */
export async function runProxyPhase(
  meBody: unknown,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<ProxyResults> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-proxy-'));
  const stops: (() => Promise<void>)[] = [];
  const started = <T extends { server: { stop(): Promise<void> } }>(c: T): T => {
    stops.push(() => c.server.stop());
    return c;
  };
  try {
    const stub = await startStubProcess();
    stops.push(() => stub.server.stop());
    const stubUrl = stub.url;
    const backend = started(await startProxyBackend(meBody));
    const backendOrigin = new URL(backend.url).origin;
    const { proxied, me } = await startProxyProduct(stubUrl, backendOrigin, join(dir, 'sessions.db'));
    started(me);
    const koa = started(await startKoaProxy(meBody, backendOrigin, false));
    const koaKeepAlive = started(await startKoaProxy(meBody, backendOrigin, true));
    const skippedContenders: { key: string; label: string; reason: string }[] = [];
    const nginx = await startNginxProxy(backend, backendOrigin).catch((err: unknown) => ({
      skipped: `failed to start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    }));
    if ('skipped' in nginx) {
      skippedContenders.push({ key: 'proxy-nginx', label: 'nginx proxy_pass (no auth)', reason: nginx.skipped });
      log(`proxy: nginx skipped: ${nginx.skipped}`);
    } else started(nginx.contender);

    const streaming = await measureStreaming(proxied, options, log);
    const websocket = await measureWebSockets(backend, proxied, me.publicUrl, options, log);

    const contenders: Contender[] = [
      backend,
      ...('contender' in nginx ? [nginx.contender] : []),
      koa,
      koaKeepAlive,
      proxied,
      me,
    ];
    const measurements: Measurement[] = contenders.map((contender) => ({ contender, group: 'proxy' }));
    const load = await runLoadPhase(measurements, options, (line) => log(`proxy: ${line}`));
    // Only the stand-in and the backend stay up for the profile.
    for (const stop of stops.splice(2).reverse()) await stop();

    const profile = await profileProxied(stubUrl, backendOrigin, dir, options, log).catch((err: unknown) => ({
      skipped: `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    }));
    return { load, skippedContenders, streaming, websocket, profile };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The issue's 100 MB each way (8 MB in the smoke run), through the BFF, its RSS sampled. */
async function measureStreaming(
  proxied: Contender,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<ProxyResults['streaming']> {
  const bytes = (options.smoke ? 8 : 100) * MB;
  const base = new URL(`/api/${UPSTREAM_NAME}`, proxied.url).href;
  const headers = { ...proxied.headers, cookie: proxied.cookies[0] ?? '' };
  const out: ProxyResults['streaming'][number][] = [];
  for (const direction of ['download', 'upload'] as const) {
    const r = await measureStream(proxied.server.pid, base, direction, bytes, headers);
    log(
      `proxy: ${direction} ${bytes / MB} MB through the BFF in ${r.seconds.toFixed(2)} s, ` +
        `RSS ${r.rssBeforeMb.toFixed(1)} MB + ${r.rssGrowthMb.toFixed(1)} MB`,
    );
    out.push({ ...r, direction });
  }
  return out;
}

/** Echo throughput direct and through the BFF, interleaved in random order each round. */
async function measureWebSockets(
  backend: Contender,
  proxied: Contender,
  publicUrl: string,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<ProxyResults['websocket']> {
  const wsUrl = (http: string, path: string) => new URL(path, http.replace(/^http/, 'ws')).href;
  const runs = {
    direct: { url: wsUrl(backend.url, '/ws'), headers: {} },
    bff: {
      url: wsUrl(proxied.url, `/api/${UPSTREAM_NAME}/ws`),
      // What a browser on the page sends: its Origin (it must be PUBLIC_URL) and its cookie.
      headers: { origin: publicUrl, cookie: proxied.cookies[0] ?? '' },
    },
  };
  const results: { direct: WebSocketResult[]; bff: WebSocketResult[] } = { direct: [], bff: [] };
  const load = (headers: Record<string, string>, seconds: number) => ({
    connections: WS_CONNECTIONS,
    window: WS_WINDOW,
    seconds,
    headers,
  });
  for (const key of ['direct', 'bff'] as const) {
    await runWebSocketLoad(runs[key].url, load(runs[key].headers, options.warmupSeconds));
  }
  for (let round = 1; round <= options.rounds; round++) {
    const order = Math.random() < 0.5 ? (['direct', 'bff'] as const) : (['bff', 'direct'] as const);
    for (const key of order) {
      const r = await runWebSocketLoad(runs[key].url, load(runs[key].headers, options.seconds));
      results[key].push(r);
      log(
        `proxy: round ${round}/${options.rounds} WebSocket ${key.padEnd(6)} ${r.messagesPerSecond.toFixed(0)} messages/s`,
      );
    }
  }
  return { connections: WS_CONNECTIONS, window: WS_WINDOW, ...results };
}

/** The proxied GET under the same load, in a BFF started with `node --cpu-prof` (written at exit). */
async function profileProxied(
  stubUrl: string,
  backendOrigin: string,
  dir: string,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<ProxyResults['profile']> {
  const profileDir = join(dir, 'profile');
  const { proxied, me } = await startProxyProduct(stubUrl, backendOrigin, join(dir, 'profiled.db'), [
    '--cpu-prof',
    '--cpu-prof-dir',
    profileDir,
    '--cpu-prof-interval',
    String(PROFILE_INTERVAL_US),
  ]);
  let rps = NaN;
  const window = { fromUs: 0, toUs: 0 };
  try {
    await verifyContender(proxied);
    await runLoad(proxied, { connections: options.connections, seconds: Math.min(3, options.profileSeconds) });
    window.fromUs = nowUs();
    rps = (await runLoad(proxied, { connections: options.connections, seconds: options.profileSeconds })).rps;
    window.toUs = nowUs();
  } finally {
    await me.server.stop();
  }
  const summary = summariseProfile(profileDir, window);
  log(`proxy: profile ${(summary.busyMs / 1000).toFixed(1)} s busy, ${rps.toFixed(0)} req/s while profiled`);
  return { ...summary, seconds: options.profileSeconds, rps, intervalUs: PROFILE_INTERVAL_US };
}
