import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Security: the database holds sealed sessions and the index of who uses the app; nobody but
 * the process's own user needs to read it. The folder is created 0700 (an existing folder is
 * left as its owner set it), the database file 0600 before SQLite opens it. SQLite creates the
 * -wal and -shm files with the database file's permissions, and any left from an earlier
 * version (0644) are tightened here too.
 */
export function prepareDatabaseFiles(path: string): void {
  if (path === ':memory:') return;
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}
