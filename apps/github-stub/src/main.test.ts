import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const mainFile = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('main.ts (CLI)', () => {
  it('prints its URL, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [tsxCli, mainFile], {
      env: { ...process.env, STUB_PORT: '0', STUB_CLIENT_ID: 'cli-client' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) resolve(output.trim());
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const match = /^GitHub stand-in listening on (http:\/\/localhost:\d+) \(client id cli-client\)$/.exec(line);
    expect(match).not.toBeNull();
    const page = await fetch(
      `${match?.[1]}/login/oauth/authorize?client_id=cli-client&redirect_uri=http://localhost:1/cb`,
    );
    expect(page.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 15_000);
});
