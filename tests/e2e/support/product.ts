import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubStub } from '@github-bff/github-stub';
import { startNotesApi } from '@github-bff/notes-api';
import { newIdentityKey } from '../../support/identity-keys.ts';
import { spawnProcess } from '../../support/child-process.ts';
import { freePort } from '../../support/free-port.ts';
import { startProductionServer } from '../../support/production-server.ts';
import { waitForHttp } from '../../support/wait-for-http.ts';

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
  return mode === 'dev' ? startDev(env) : startProduction(env);
}

/** `node scripts/dev.mjs` (what `npm run dev` runs) on free ports, in demo mode. */
async function startDev(env: Record<string, string> = {}): Promise<RunningProduct> {
  const dir = mkdtempSync(join(tmpdir(), 'bff-e2e-dev-'));
  const [webPort, bffPort, stubPort, notesPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const dbPath = join(dir, 'sessions.db');
  const child = spawnProcess({
    name: 'npm run dev',
    args: ['scripts/dev.mjs'],
    // Its own process group, so closing it also stops what it started (tsx, Vite).
    ownGroup: true,
    env: {
      WEB_PORT: String(webPort),
      PORT: String(bffPort),
      STUB_PORT: String(stubPort),
      NOTES_API_PORT: String(notesPort),
      NOTES_API_DB_PATH: join(dir, 'notes.db'),
      SESSION_DB_PATH: dbPath,
      // Demo mode even on a machine whose .env has real credentials.
      GITHUB_CLIENT_ID: '',
      GITHUB_CLIENT_SECRET: '',
      PUBLIC_URL: '',
      LOG_FORMAT: 'json',
      ...env,
    },
  });
  const url = `http://localhost:${webPort}`;
  const ok = { headers: { 'X-CSRF': '1' }, ready: (status: number) => status === 200, timeoutMs: 60_000 };
  try {
    await waitForHttp(child, `${url}/api/meta`, ok);
    await waitForHttp(child, `${url}/`, ok);
  } catch (err) {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    mode: 'dev',
    url,
    stubUrl: `http://localhost:${stubPort}`,
    dbPath,
    logs: () => child.output(),
    async terminate() {
      child.signal('SIGTERM');
      return child.exit;
    },
    async close() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The built server (`npm start`) with NODE_ENV=production, against an in-process stand-in, with
 * the example backend (apps/notes-api, in-process too) behind it as the `notes` upstream.
 */
async function startProduction(env: Record<string, string>): Promise<RunningProduct> {
  const dir = mkdtempSync(join(tmpdir(), 'bff-e2e-prod-'));
  const stub = await startGitHubStub();
  const dbPath = join(dir, 'sessions.db');
  const notesPort = await freePort();
  const server = await startProductionServer({
    stubUrl: stub.url,
    env: {
      SESSION_SECRET: 'e2e-production-secret-0123456789abcdefghij',
      SESSION_DB_PATH: dbPath,
      IDENTITY_SIGNING_KEYS: newIdentityKey(),
      API_UPSTREAMS: JSON.stringify([
        {
          name: 'notes',
          target: `http://127.0.0.1:${notesPort}`,
          methods: ['GET', 'POST', 'DELETE'],
          audience: 'notes-api',
          websocket: true,
        },
      ]),
      ...env,
    },
  }).catch(async (err: unknown) => {
    await stub.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  const notes = await startNotesApi({
    port: notesPort,
    host: '127.0.0.1',
    jwksUrl: `${server.url}/.well-known/jwks.json`,
    issuer: server.url,
    audience: 'notes-api',
    dbPath: join(dir, 'notes.db'),
  });
  return {
    mode: 'production',
    url: server.url,
    stubUrl: stub.url,
    dbPath,
    logs: () => server.logs(),
    terminate: () => server.terminate(),
    async close() {
      await server.close();
      await notes.close();
      await stub.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
