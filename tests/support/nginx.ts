import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe } from 'vitest';
import { freePort } from '../e2e/support/free-port.ts';

export const NGINX_INSTALL_HINT = 'These tests need nginx on PATH. On Debian/Ubuntu: `sudo apt-get install nginx`.';
const SEARCH_PATH = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

export function findNginx(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SEARCH_PATH];
  return dirs.map((dir) => join(dir, 'nginx')).find((path) => existsSync(path));
}

/** `describe` when nginx is here; skipped loudly locally, a failure under CI=true. */
export function describeWithNginx(name: string, body: () => void): void {
  if (findNginx()) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`CI=true and no nginx: ${NGINX_INSTALL_HINT}`);
    });
    return;
  }
  console.warn(`\n${'!'.repeat(80)}\n!! SKIPPING "${name}": ${NGINX_INSTALL_HINT}\n${'!'.repeat(80)}\n`);
  describe.skip(name, body);
}

export interface Nginx {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
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
  const child: ChildProcess = spawn(binary, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`nginx exited with ${child.exitCode}: ${stderr}${readLog(join(dir, 'error.log'))}`);
    }
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.status !== 502 || true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer within 10 s: ${readLog(join(dir, 'error.log'))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      process.removeListener('exit', killOnExit);
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
