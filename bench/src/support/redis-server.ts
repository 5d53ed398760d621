import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { stopChild } from './child-server.ts';
import { delay } from './delay.ts';
import { freePort } from '@github-bff/tests/e2e/support/free-port.ts';

const run = promisify(execFile);

export interface RedisServer {
  readonly url: string;
  readonly pid: number;
  close(): Promise<void>;
}

export function hasRedisServer(): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return ['redis-server', 'redis-cli'].every((name) => dirs.some((dir) => existsSync(join(dir, name))));
}

/** A redis-server of the bench's own on a free port: no snapshots, no AOF, data in a temp dir. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const pong = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'PING']).then(
      (r) => r.stdout.trim(),
      () => '',
    );
    if (pong === 'PONG') break;
    if (Date.now() > deadline) throw new Error('redis-server did not answer PING within 10 s');
    await delay(50);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async close() {
      await stopChild(child);
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
