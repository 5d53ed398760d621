import { spawn, type ChildProcess } from 'node:child_process';
import { delay } from './delay.ts';
import { ROOT } from './paths.ts';

/** A server the bench started in a process of its own, so its memory and CPU are its own. */
export interface ChildServer {
  readonly name: string;
  readonly pid: number;
  /** What it wrote to stderr (and stdout, unless that went to /dev/null), for error messages. */
  output(): string;
  close(): Promise<void>;
}

export interface SpawnOptions {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  /** The product logs a line per request: to /dev/null, so the bench process does not pay to read it. */
  readonly discardStdout?: boolean;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** `node …args` from the repository root, with the given environment on top of this one. */
export function spawnNode({ name, args, env = {}, discardStdout = false }: SpawnOptions): ChildServer {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', ...env },
    stdio: ['ignore', discardStdout ? 'ignore' : 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start node`);
  running.add(child);
  child.once('exit', () => running.delete(child));
  const chunks: string[] = [];
  let kept = 0;
  const keep = (d: Buffer) => {
    // The first 64 kB is what explains a failed start; the rest is dropped.
    if (kept < 65_536) chunks.push(d.toString());
    kept += d.length;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    name,
    pid: child.pid,
    output: () => chunks.join(''),
    close: () => stopChild(child),
  };
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, delay(5000)]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Polls `url` until it answers (any status below 500, redirects not followed), the process dies, or the time is up. */
export async function waitForHttp(
  server: ChildServer,
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isAlive(server.pid)) throw new Error(`${server.name} exited before answering ${url}:\n${server.output()}`);
    try {
      const res = await fetch(url, { headers, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${server.name} did not answer ${url} within ${timeoutMs} ms:\n${server.output()}`);
    }
    await delay(100);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
