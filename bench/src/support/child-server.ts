import { spawnProcess, type SpawnedProcess } from '@github-bff/tests/support/child-process.ts';

/** A server the bench started in a process of its own, so its memory and CPU are its own. */
export type ChildServer = Pick<SpawnedProcess, 'name' | 'pid' | 'output' | 'stop'>;

export interface SpawnOptions {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  /** A server that logs a line per request: to /dev/null, so the bench process does not pay to read it. */
  readonly discardStdout?: boolean;
}

/**
 * `node …args` from the repository root, with the given environment on top of this one. The
 * pid is node's own (no wrapper, no process group), so /proc shows the server's memory and CPU.
 */
export function spawnNode({ name, args, env = {}, discardStdout = false }: SpawnOptions): SpawnedProcess {
  return spawnProcess({
    name,
    args,
    // Plain node: tsx's loader would add its thread and memory to the server's.
    env: { NODE_OPTIONS: '', ...env },
    discardStdout,
    // The first 64 kB is what explains a failed start; a server under load writes far more.
    keepBytes: 65_536,
  });
}
