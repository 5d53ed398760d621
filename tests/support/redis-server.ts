import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { spawnProcess, type SpawnedProcess } from './child-process.ts';
import { freePort } from './free-port.ts';
import { waitUntil } from './wait.ts';

const run = promisify(execFile);

export const REDIS_INSTALL_HINT =
  'Redis tests need redis-server and redis-cli on PATH. On Debian/Ubuntu: `sudo apt-get install redis-server redis-tools redis-sentinel`.';

/** Both binaries on PATH (here, not in redis-guard.ts: the bench asks too, and does not load Vitest). */
export function hasRedis(also: readonly string[] = []): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return ['redis-server', 'redis-cli', ...also].every((name) => dirs.some((dir) => existsSync(join(dir, name))));
}

/** A real redis-server of its own (a test's, the bench's), on a free port, with its data in a temp dir. */
export interface RedisServer {
  readonly url: string;
  /** The running server's process id (the bench reads its memory); changes with start(). */
  readonly pid: number;
  /** Stops the server with SHUTDOWN SAVE: what it held is written to its temp dir. */
  stop(): Promise<void>;
  /** Starts it again on the same port, loading what stop() saved. */
  start(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open and nothing answers, like a hung server. */
  pause(): void;
  resume(): void;
  keys(pattern?: string): Promise<string[]>;
  /** Any redis-cli command against it; its raw answer. */
  cli(...args: string[]): Promise<string>;
  /** Every key with its type and value, as text (for checking what is kept at rest). */
  dump(): Promise<string>;
  /** Stops it without saving and removes its temp dir. */
  close(): Promise<void>;
}

// Lua, so the whole keyspace comes back in one round trip, whatever each key's type.
export const DUMP_SCRIPT = `
local out = {}
for _, key in ipairs(redis.call('KEYS', '*')) do
  local kind = redis.call('TYPE', key).ok
  local value
  if kind == 'string' then value = redis.call('GET', key)
  elseif kind == 'zset' then value = table.concat(redis.call('ZRANGE', key, 0, -1, 'WITHSCORES'), ' ')
  elseif kind == 'hash' then value = table.concat(redis.call('HGETALL', key), ' ')
  elseif kind == 'set' then value = table.concat(redis.call('SMEMBERS', key), ' ')
  elseif kind == 'list' then value = table.concat(redis.call('LRANGE', key, 0, -1), ' ')
  else value = '(' .. kind .. ')' end
  out[#out + 1] = key .. ' ' .. kind .. ' ' .. value
end
return out`;

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bff-redis-'));
  const logPath = join(dir, 'redis.log');
  const cli = async (...args: string[]): Promise<string> =>
    (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), '--raw', ...args])).stdout;
  let child: SpawnedProcess | undefined;

  const start = async () => {
    // --save '' turns off background snapshots; SHUTDOWN SAVE still writes dbfilename to dir.
    const started = spawnProcess({
      name: 'redis-server',
      command: 'redis-server',
      args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'].concat([
        '--dir',
        dir,
        '--dbfilename',
        'dump.rdb',
        '--logfile',
        logPath,
      ]),
    });
    child = started;
    await waitUntil(
      async () => {
        if (started.hasExited()) throw new Error(`redis-server exited with ${await started.exit} (see ${logPath})`);
        return (await cli('PING').catch(() => '')).trim() === 'PONG';
      },
      { what: `redis-server on port ${port} to answer PING`, timeoutMs: 10_000, intervalMs: 25 },
    );
  };
  const shutdown = async (mode: 'SAVE' | 'NOSAVE') => {
    const running = child;
    if (!running || running.hasExited()) return;
    running.signal('SIGCONT');
    // The server drops the connection as it shuts down, so redis-cli may report an error.
    await cli('SHUTDOWN', mode).catch(() => undefined);
    // No SIGTERM on top: a second shutdown request would cut SHUTDOWN SAVE's write short.
    await running.stop({ signal: null, graceMs: 5000 });
    child = undefined;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.pid ?? 0;
    },
    stop: () => shutdown('SAVE'),
    start,
    pause: () => child?.signal('SIGSTOP'),
    resume: () => child?.signal('SIGCONT'),
    keys: async (pattern = '*') => (await cli('KEYS', pattern)).split('\n').filter(Boolean),
    cli,
    dump: () => cli('EVAL', DUMP_SCRIPT, '0'),
    async close() {
      await shutdown('NOSAVE');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
