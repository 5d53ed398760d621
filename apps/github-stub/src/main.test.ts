import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hmacSha256, startWebhookReceiver } from './test-helpers.ts';

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const mainFile = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('main.ts (CLI)', () => {
  it('prints its URL, serves, and exits 0 on SIGTERM', async () => {
    const receiver = await startWebhookReceiver();
    const child = spawn(process.execPath, [tsxCli, mainFile], {
      env: {
        ...process.env,
        STUB_PORT: '0',
        STUB_CLIENT_ID: 'cli-client',
        STUB_WEBHOOK_URL: receiver.url,
        STUB_WEBHOOK_SECRET: 'cli-secret',
        STUB_TOKEN_LIMIT: 'off',
      },
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
    // STUB_WEBHOOK_URL and STUB_WEBHOOK_SECRET reach the stand-in.
    const sent = await fetch(`${match?.[1]}/_stub/send-webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ event: 'ping', payload: { zen: 'cli' } }),
    });
    expect(sent.status).toBe(200);
    const [hook] = receiver.received;
    expect(hook?.headers['x-hub-signature-256']).toBe(hmacSha256('cli-secret', hook?.body ?? Buffer.alloc(0)));
    await receiver.close();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 15_000);
});
