import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Outside production, a missing SESSION_SECRET is generated once and kept in a file next to
 * the session database (mode 600), so development sessions survive restarts without anyone
 * inventing a secret. There is no secret in the code, and production never gets here.
 */
export function loadOrCreateDevSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  // Security: the folder holds the session database and this key: only its owner may enter it.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
