import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root (tests/support → ../..): where `node apps/…` and `node scripts/…` run from. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface SpawnOptions {
  /** Names the process in every error message ("redis-server", "the production server"). */
  readonly name: string;
  /** Default: this Node (process.execPath), so `args` start with the script. */
  readonly command?: string;
  readonly args: readonly string[];
  /** On top of this process's environment (with FORCE_COLOR=0, so kept output has no colour codes). */
  readonly env?: Record<string, string>;
  /** Default REPO_ROOT. */
  readonly cwd?: string;
  /** Stdout to /dev/null (a server that logs a line per request under load); stderr is still kept. */
  readonly discardStdout?: boolean;
  /** Its own process group, so stop() also ends what it started (tsx, Vite); see `signal`. */
  readonly ownGroup?: boolean;
  /** Keep only the first this many bytes of output (what explains a failed start); default all. */
  readonly keepBytes?: number;
}

export interface SpawnedProcess {
  readonly name: string;
  readonly pid: number;
  /** What it wrote so far (stdout unless discarded, and stderr), in order. */
  output(): string;
  hasExited(): boolean;
  /** Settles when it has exited and its output is read: its exit code, or null when a signal ended it. */
  readonly exit: Promise<number | null>;
  /** Sends `signal` to the process itself (not its group): SIGTERM for a graceful shutdown, SIGSTOP… */
  signal(signal: NodeJS.Signals): void;
  /**
   * `signal` (default SIGTERM) to the process, or its whole group with `ownGroup`; SIGKILL if it
   * is still running after `graceMs` (default 5 s). Resolves once it has exited. `signal: null`
   * only waits before the SIGKILL, for a process already asked to stop some other way.
   */
  stop(options?: { signal?: NodeJS.Signals | null; graceMs?: number }): Promise<void>;
}

// One exit hook for every child: a test run or bench that dies leaves no server behind.
const killOnExit = new Set<() => void>();
process.once('exit', () => {
  for (const kill of killOnExit) kill();
});

/** Starts a process whose output is kept for error messages and which is killed when this process exits. */
export function spawnProcess(options: SpawnOptions): SpawnedProcess {
  const { name, command = process.execPath, args, env = {}, cwd = REPO_ROOT } = options;
  const ownGroup = options.ownGroup ?? false;
  const child: ChildProcess = spawn(command, args, {
    cwd,
    env: { ...process.env, FORCE_COLOR: '0', ...env },
    detached: ownGroup,
    stdio: ['ignore', options.discardStdout ? 'ignore' : 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  let kept = 0;
  const keep = (data: Buffer | string) => {
    if (kept < (options.keepBytes ?? Infinity)) chunks.push(data.toString());
    kept += data.length;
  };
  // Before the pid check: a command that cannot start still emits 'error', and unheard it would crash us.
  child.on('error', (err) => keep(`${name}: ${err.message}\n`));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: could not start ${command}`);
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // 'close', not 'exit': by then its last output has been read too.
  const exit = new Promise<number | null>((resolveExit) => child.once('close', (code) => resolveExit(code)));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;

  const handle: SpawnedProcess = {
    name,
    pid,
    output: () => chunks.join(''),
    hasExited,
    exit,
    signal: (signal) => {
      if (!hasExited()) child.kill(signal);
    },
    async stop({ signal = 'SIGTERM', graceMs = 5000 } = {}) {
      // A group is signalled even when its leader is gone: what the leader started may not be.
      if (signal !== null && (ownGroup || !hasExited())) sendTo(pid, ownGroup, signal);
      if (!(await exitsWithin(exit, graceMs)) || ownGroup) sendTo(pid, ownGroup, 'SIGKILL');
      await exit;
      killOnExit.delete(kill);
    },
  };
  const kill = () => sendTo(pid, ownGroup, 'SIGKILL');
  killOnExit.add(kill);
  // A group stays on the list until stop(): its leader's exit does not end what it started.
  if (!ownGroup) void exit.then(() => killOnExit.delete(kill));
  return handle;
}

/** True when `exit` settles within `ms` (the timer does not outlive it). */
async function exitsWithin(exit: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout(false), ms);
  });
  try {
    return await Promise.race([exit.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** To the process group when it has one (`-pid`); a process that is already gone is not an error. */
function sendTo(pid: number, group: boolean, signal: NodeJS.Signals): void {
  try {
    process.kill(group ? -pid : pid, signal);
  } catch {
    // already exited
  }
}
