import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeIfInstalled, findBinary } from './binary-guard.ts';
import { spawnProcess } from './child-process.ts';
import { freePort } from './free-port.ts';
import { waitForHttp } from './wait-for-http.ts';

export const NGINX_INSTALL_HINT = 'These tests need nginx on PATH. On Debian/Ubuntu: `sudo apt-get install nginx`.';

export function findNginx(): string | undefined {
  return findBinary('nginx');
}

/** `describe` when nginx is here; skipped loudly locally, a failure under CI=true. */
export function describeWithNginx(name: string, body: () => void): void {
  describeIfInstalled(findNginx() !== undefined, NGINX_INSTALL_HINT, name, body);
}

export interface Nginx {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** The nginx process (master_process off: the one that serves), for its memory and CPU. */
  readonly pid: number;
  close(): Promise<void>;
}

/**
 * A real nginx of the test's own in front of `upstream`, configured the way the docs of most
 * deployments say: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`, which
 * appends the address nginx saw to whatever the client sent. `extraLocationConfig` adds lines.
 */
export async function startNginx(upstream: string, extraLocationConfig = ''): Promise<Nginx> {
  const binary = findNginx();
  if (!binary) throw new Error(NGINX_INSTALL_HINT);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bff-nginx-'));
  for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass ${upstream};
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      ${extraLocationConfig}
    }
  }
}
`,
  );
  const child = spawnProcess({
    name: 'nginx',
    command: binary,
    args: ['-p', dir, '-c', conf],
    discardStdout: true,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    // Any answer will do, a 502 from an upstream that is not up yet included: nginx is listening.
    await waitForHttp(child, `${url}/healthz`, { ready: () => true, timeoutMs: 10_000, intervalMs: 50 });
  } catch (err) {
    const log = readLog(join(dir, 'error.log'));
    await child.stop({ signal: 'SIGKILL' });
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${err instanceof Error ? err.message : String(err)}${log}`, { cause: err });
  }
  return {
    url,
    pid: child.pid,
    async close() {
      // SIGQUIT: nginx's graceful shutdown.
      await child.stop({ signal: 'SIGQUIT', graceMs: 3000 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
