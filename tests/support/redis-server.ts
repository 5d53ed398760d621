import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../e2e/support/free-port.ts';

const run = promisify(execFile);

/** A real redis-server of the test's own, on a free port, with its data in a temp dir. */
export interface RedisServer {
  readonly url: string;
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
const DUMP_SCRIPT = `
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
  const cli = async (...args: string[]): Promise<string> =>
    (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), '--raw', ...args])).stdout;
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const start = async () => {
    // --save '' turns off background snapshots; SHUTDOWN SAVE still writes dbfilename to dir.
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'].concat([
        '--dir',
        dir,
        '--dbfilename',
        'dump.rdb',
        '--logfile',
        join(dir, 'redis.log'),
      ]),
      { stdio: 'ignore' },
    );
    await waitForPong(cli, child, join(dir, 'redis.log'));
  };
  const shutdown = async (mode: 'SAVE' | 'NOSAVE') => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    running.kill('SIGCONT');
    const exited = new Promise((resolve) => running.once('exit', resolve));
    // The server drops the connection as it shuts down, so redis-cli may report an error.
    await cli('SHUTDOWN', mode).catch(() => undefined);
    await Promise.race([exited, delay(5000).then(() => running.kill('SIGKILL'))]);
    child = undefined;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => shutdown('SAVE'),
    start,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    keys: async (pattern = '*') => (await cli('KEYS', pattern)).split('\n').filter(Boolean),
    cli,
    dump: () => cli('EVAL', DUMP_SCRIPT, '0'),
    async close() {
      await shutdown('NOSAVE');
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPong(
  cli: (...args: string[]) => Promise<string>,
  child: ChildProcess,
  logPath: string,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode} (see ${logPath})`);
    if ((await cli('PING').catch(() => '')).trim() === 'PONG') return;
    if (Date.now() > deadline) throw new Error('redis-server did not answer PING within 10 s');
    await delay(25);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
