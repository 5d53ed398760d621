import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { spawnProcess, type SpawnedProcess } from './child-process.ts';
import { waitUntil } from './wait.ts';

const run = promisify(execFile);

/**
 * One redis-server (or redis-sentinel) process on a fixed port, for the topologies the tests
 * build (a cluster, a Sentinel group): it can be killed like a crashed machine and started
 * again with the same files. No snapshots: what survives a kill is what replication kept.
 */
export interface RedisNode {
  readonly port: number;
  cli(...args: string[]): Promise<string>;
  /** SIGKILL: no goodbye to its clients or its cluster, as when a machine dies. */
  kill(): Promise<void>;
  start(): Promise<void>;
  isRunning(): boolean;
  /** SIGSTOP / SIGCONT: a node that holds its connections and answers nothing. */
  pause(): void;
  resume(): void;
}

export interface RedisNodeOptions {
  readonly port: number;
  readonly dir: string;
  /** After the port, dir and logfile: the topology's own flags, or a config file for a sentinel. */
  readonly args: readonly string[];
  readonly command?: 'redis-server' | 'redis-sentinel';
  /** Extra redis-cli arguments (TLS). */
  readonly cliArgs?: readonly string[];
}

export async function startRedisNode({
  port,
  dir,
  args,
  command = 'redis-server',
  cliArgs = [],
}: RedisNodeOptions): Promise<RedisNode> {
  const logPath = `${dir}/${command}-${port}.log`;
  const cli = async (...cmd: string[]): Promise<string> =>
    (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...cliArgs, '--raw', ...cmd])).stdout;
  let child: SpawnedProcess | undefined;
  const start = async () => {
    const configFirst = command === 'redis-sentinel' ? args.slice(0, 1) : [];
    const started = spawnProcess({
      name: `${command} ${port}`,
      command,
      args: [
        ...configFirst,
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--logfile',
        logPath,
        ...(command === 'redis-server' ? ['--save', '', '--appendonly', 'no'] : []),
        ...args.slice(configFirst.length),
      ],
    });
    child = started;
    await waitUntil(
      async () => {
        if (started.hasExited())
          throw new Error(`${command} ${port} exited with ${await started.exit} (see ${logPath})`);
        return (await cli('PING').catch(() => '')).trim() === 'PONG';
      },
      { what: `${command} on port ${port} to answer PING`, timeoutMs: 10_000, intervalMs: 25 },
    );
  };
  await start();
  return {
    port,
    cli,
    start,
    isRunning: () => child !== undefined && !child.hasExited(),
    pause: () => child?.signal('SIGSTOP'),
    resume: () => child?.signal('SIGCONT'),
    async kill() {
      await child?.stop({ signal: 'SIGKILL', graceMs: 5000 });
    },
  };
}

/** `field:value` lines of INFO or CLUSTER INFO, as a map. */
export function infoFields(text: string): Map<string, string> {
  return new Map(
    text
      .split(/\r?\n/)
      .map((line) => line.split(':'))
      .filter((parts): parts is [string, string] => parts.length === 2)
      .map(([k, v]) => [k.trim(), v.trim()]),
  );
}
