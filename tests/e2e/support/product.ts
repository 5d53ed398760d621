import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startGitHubStub, type GitHubStub } from '@github-bff/github-stub';
import { freePort } from './free-port.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
export type Mode = 'dev' | 'production';

/** The product as a user runs it: `npm run dev`, or the built production server. */
export interface RunningProduct {
  readonly mode: Mode;
  /** The origin the browser opens. */
  readonly url: string;
  /** The GitHub stand-in's origin (its /_stub/ controls work in both modes). */
  readonly stubUrl: string;
  readonly dbPath: string;
  logs(): string;
  /** Sends SIGTERM and resolves with the exit code (graceful shutdown). */
  terminate(): Promise<number | null>;
  close(): Promise<void>;
}

export async function startProduct(mode: Mode, env: Record<string, string> = {}): Promise<RunningProduct> {
  return mode === 'dev' ? startDev() : startProduction(env);
}

/** `node scripts/dev.mjs` (what `npm run dev` runs) on free ports, in demo mode. */
async function startDev(): Promise<RunningProduct> {
  const dir = mkdtempSync(join(tmpdir(), 'bff-e2e-dev-'));
  const [webPort, bffPort, stubPort] = [await freePort(), await freePort(), await freePort()];
  const dbPath = join(dir, 'sessions.db');
  const child = spawnLogged('node', ['scripts/dev.mjs'], {
    WEB_PORT: String(webPort),
    PORT: String(bffPort),
    STUB_PORT: String(stubPort),
    SESSION_DB_PATH: dbPath,
    // Demo mode even on a machine whose .env has real credentials.
    GITHUB_CLIENT_ID: '',
    GITHUB_CLIENT_SECRET: '',
    PUBLIC_URL: '',
    LOG_FORMAT: 'json',
  });
  const url = `http://localhost:${webPort}`;
  await waitFor(`${url}/api/meta`, child);
  await waitFor(`${url}/`, child);
  return running('dev', url, `http://localhost:${stubPort}`, dbPath, child, dir);
}

/** The built server (`npm start`) with NODE_ENV=production, against an in-process stand-in. */
async function startProduction(env: Record<string, string>): Promise<RunningProduct> {
  const dir = mkdtempSync(join(tmpdir(), 'bff-e2e-prod-'));
  const stub = await startGitHubStub();
  const port = await freePort();
  const dbPath = join(dir, 'sessions.db');
  const url = `http://localhost:${port}`;
  const child = spawnLogged('node', ['apps/bff/dist/server.js'], {
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_URL: url,
    GITHUB_URL: stub.url,
    GITHUB_CLIENT_ID: 'demo-client-id',
    GITHUB_CLIENT_SECRET: 'demo-client-secret',
    SESSION_SECRET: 'e2e-production-secret-0123456789abcdefghij',
    SESSION_DB_PATH: dbPath,
    ...env,
  });
  await waitFor(`${url}/api/meta`, child);
  return running('production', url, stub.url, dbPath, child, dir, stub);
}

type LoggedChild = ChildProcess & { output: string[] };

function spawnLogged(command: string, args: string[], env: Record<string, string>): LoggedChild {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
    // Its own process group, so closing it also stops what it started (tsx, Vite).
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as LoggedChild;
  child.output = [];
  child.stdout?.on('data', (d: Buffer) => child.output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => child.output.push(d.toString()));
  return child;
}

async function waitFor(url: string, child: LoggedChild, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${child.output.join('')}`);
    try {
      const res = await fetch(url, { headers: { 'X-CSRF': '1' } });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.output.join('')}`);
}

function running(
  mode: Mode,
  url: string,
  stubUrl: string,
  dbPath: string,
  child: LoggedChild,
  dir: string,
  stub?: GitHubStub,
): RunningProduct {
  return {
    mode,
    url,
    stubUrl,
    dbPath,
    logs: () => child.output.join(''),
    async terminate() {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
      await stub?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
