import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const mainFile = fileURLToPath(new URL('./main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'notes-api-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>) {
  // NOTES_API_* from the developer's shell must not leak in.
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NOTES_API_')));
  return spawn(process.execPath, [tsxCli, mainFile], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('main.ts (CLI)', () => {
  it('logs one line, serves /healthz, and exits 0 on SIGTERM', async () => {
    const child = run({ NOTES_API_PORT: '0', NOTES_API_DB_PATH: join(dir, 'db', 'notes.db') });
    const line = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) resolve(output.trim());
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const match =
      /^notes-api listening on (http:\/\/localhost:\d+) \(issuer http:\/\/localhost:5173, audience notes-api, /.exec(
        line,
      );
    expect(match, line).not.toBeNull();
    const res = await fetch(`${match?.[1]}/healthz`);
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 15_000);

  it('exits 1 with one message naming every problem', async () => {
    const child = run({ NOTES_API_PORT: 'x', NOTES_API_JWKS_URL: 'nope', NODE_ENV: 'production' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(stderr).toMatch(/configuration is invalid/);
    for (const name of ['NOTES_API_PORT', 'NOTES_API_JWKS_URL', 'NOTES_API_ISSUER']) expect(stderr).toContain(name);
  }, 15_000);
});
