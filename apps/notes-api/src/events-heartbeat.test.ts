import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from './testing/harness.ts';
import { closeSocket, openSocket } from './testing/sockets.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ heartbeatMs: 150 });
});
afterAll(() => h.close());

/** A WebSocket handshake by hand: the peer then never answers a ping, like a vanished client. */
async function silentPeer(token: string): Promise<Socket> {
  const { hostname, port } = new URL(h.api.url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.write(
    [
      'GET /events HTTP/1.1',
      `Host: ${hostname}:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Authorization: Bearer ${token}`,
      '',
      '',
    ].join('\r\n'),
  );
  const head = await new Promise<string>((resolve) => socket.once('data', (data: Buffer) => resolve(data.toString())));
  expect(head).toMatch(/^HTTP\/1\.1 101 /);
  return socket;
}

describe('WebSocket heartbeat', () => {
  it('drops a socket that stops answering pings, and keeps one that answers', async () => {
    const healthy = await openSocket(`${h.api.url.replace(/^http/, 'ws')}/events`, await h.token('801'));
    let pings = 0;
    healthy.ws.on('ping', () => (pings += 1));
    const silent = await silentPeer(await h.token('802'));
    const closed = new Promise<void>((resolve) => silent.once('close', () => resolve()));
    expect(h.api.openSocketCount()).toBe(2);

    await vi.waitFor(() => expect(h.api.openSocketCount()).toBe(1), { timeout: 3000 });
    await closed;
    await vi.waitFor(() => expect(pings).toBeGreaterThanOrEqual(3), { timeout: 3000 });
    expect(healthy.ws.readyState).toBe(healthy.ws.OPEN);
    expect(h.api.openSocketCount()).toBe(1);
    await closeSocket(healthy.ws);
  });
});
