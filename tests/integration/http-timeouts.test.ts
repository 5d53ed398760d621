import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.ts';

/** Opens a raw connection and reports when the server closes it and what it answered. */
function slowClient(stack: Stack): { socket: Socket; closed: Promise<{ ms: number; answer: string }> } {
  const { hostname, port } = new URL(stack.url);
  const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
  const started = Date.now();
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
  socket.on('error', () => {});
  const closed = new Promise<{ ms: number; answer: string }>((resolve) =>
    socket.on('close', () => resolve({ ms: Date.now() - started, answer })),
  );
  return { socket, closed };
}

/**
 * Node's defaults let a request take 300 s to arrive, so a client trickling its body (or its
 * headers) holds a connection for five minutes; with a few thousand such clients nobody else
 * gets in. The BFF sets its own timeouts (HTTP_*_TIMEOUT_SECONDS); here they are short.
 */
describe('slow clients are cut off within the HTTP timeouts', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { HTTP_REQUEST_TIMEOUT_SECONDS: '2', HTTP_HEADERS_TIMEOUT_SECONDS: '1' } });
  });
  afterAll(() => stack.close());

  it('a body trickled a byte at a time is released within the request timeout', async () => {
    const { socket, closed } = slowClient(stack);
    socket.write(
      'POST /auth/logout HTTP/1.1\r\nHost: localhost\r\nX-CSRF: 1\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n',
    );
    const trickle = setInterval(() => socket.write('x'), 100);
    const { ms } = await closed;
    clearInterval(trickle);
    // 2 s, checked about once a second: well before Node's default of five minutes.
    expect(ms).toBeGreaterThanOrEqual(1900);
    expect(ms).toBeLessThan(4500);
  });

  it('headers trickled in (slowloris) get 408 within the headers timeout', async () => {
    const { socket, closed } = slowClient(stack);
    socket.write('GET /api/meta HTTP/1.1\r\nHost: localhost\r\n');
    const trickle = setInterval(() => socket.write('X-A: b\r\n'), 100);
    const { ms, answer } = await closed;
    clearInterval(trickle);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(3500);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout, and the server goes on serving', async () => {
    const { socket, closed } = slowClient(stack);
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const { ms, answer } = await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    // Node's keep-alive timeout (default here: 5 s), give or take a checking interval.
    expect(ms).toBeGreaterThanOrEqual(4500);
    expect(ms).toBeLessThan(7000);
    expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
  });
});
