import { STUB_DEFAULTS } from '@github-bff/github-stub';
import { spawnProcess } from './child-process.ts';
import { freePort } from './free-port.ts';
import { waitForHttp } from './wait-for-http.ts';

export interface ProductionServerOptions {
  /** The server's own settings (SESSION_SECRET, the store, …); they win over what is filled in here. */
  readonly env: Record<string, string>;
  /** The GitHub stand-in to sign in with, as its default OAuth app (STUB_DEFAULTS). */
  readonly stubUrl: string;
  /** For error messages; default "the production server". */
  readonly name?: string;
  /** Its one log line per request to /dev/null (under load); startup errors on stderr are kept. */
  readonly discardStdout?: boolean;
  /** Flags for node before the script (the bench's --cpu-prof). */
  readonly nodeFlags?: readonly string[];
}

export interface ProductionServer {
  /** Its PUBLIC_URL, e.g. http://localhost:41234 (localhost: the host its cookie is for). */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** What it wrote so far (its JSON log lines, unless discarded). */
  logs(): string;
  /** Sends SIGTERM and resolves with the exit code (the graceful shutdown under test). */
  terminate(): Promise<number | null>;
  /** Stops it, whatever it takes (SIGTERM, then SIGKILL). */
  close(): Promise<void>;
}

/**
 * The built server exactly as `npm start` runs it after `npm run build`: `node
 * apps/bff/dist/server.js` with NODE_ENV=production, on a free port, against the stand-in at
 * `stubUrl`. Resolves once GET /api/meta answers 200 (that one request is in its log).
 */
export async function startProductionServer(options: ProductionServerOptions): Promise<ProductionServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawnProcess({
    name: options.name ?? 'the production server',
    args: [...(options.nodeFlags ?? []), 'apps/bff/dist/server.js'],
    discardStdout: options.discardStdout ?? false,
    env: {
      // Plain node, as in production: no loader inherited from tsx or the test runner.
      NODE_OPTIONS: '',
      NODE_ENV: 'production',
      PORT: String(port),
      PUBLIC_URL: url,
      GITHUB_URL: options.stubUrl,
      // Derived from GITHUB_URL (an Enterprise-style /api/v3), whatever this shell has set.
      GITHUB_API_URL: '',
      GITHUB_CLIENT_ID: STUB_DEFAULTS.clientId,
      GITHUB_CLIENT_SECRET: STUB_DEFAULTS.clientSecret,
      ...options.env,
    },
  });
  try {
    await waitForHttp(child, `${url}/api/meta`, {
      headers: { 'X-CSRF': '1' },
      ready: (status) => status === 200,
      timeoutMs: 60_000,
    });
  } catch (err) {
    await child.stop();
    throw err;
  }
  return {
    url,
    port,
    pid: child.pid,
    logs: () => child.output(),
    async terminate() {
      child.signal('SIGTERM');
      return child.exit;
    },
    close: () => child.stop(),
  };
}
