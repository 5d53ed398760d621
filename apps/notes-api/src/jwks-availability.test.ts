import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness.ts';
import { refusedUpgrade } from './testing/sockets.ts';

const started: Harness[] = [];
async function harness(): Promise<Harness> {
  const h = await startHarness();
  started.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.close()));
});

async function expectUnavailable(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.headers.get('www-authenticate')).toBeNull();
  expect(await res.json()).toEqual({ error: 'jwks_unavailable' });
}

describe('when the JWKS cannot be had', () => {
  it('answers 503 while the JWKS endpoint errors, and recovers when it is back', async () => {
    const h = await harness();
    h.jwks.setStatus(500);
    const token = await h.token('601');
    await expectUnavailable(await h.request('/notes', token));
    expect(h.logs.filter((line) => line.includes('unavailable'))).toHaveLength(1);
    expect(h.logs.join('\n')).not.toContain(token.split('.')[2]);

    h.jwks.setStatus(200);
    expect((await h.request('/notes', token)).status).toBe(200);
    expect(h.logs.at(-1)).toMatch(/reachable again/);
  });

  it('answers 503 when nothing listens at the JWKS URL', async () => {
    const h = await harness();
    await h.jwks.close();
    await expectUnavailable(await h.request('/notes', await h.token('602')));
  });

  it('still refuses a malformed token with 401: it is refused before any key is needed', async () => {
    const h = await harness();
    h.jwks.setStatus(503);
    const res = await h.request('/notes', 'not.a.token');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('keeps verifying with a fresh cached JWKS while the endpoint is down', async () => {
    const h = await harness();
    expect((await h.request('/notes', await h.token('603'))).status).toBe(200);
    h.jwks.setStatus(500);
    expect((await h.request('/notes', await h.token('603'))).status).toBe(200);
  });

  it('refuses a WebSocket upgrade with 503 too', async () => {
    const h = await harness();
    h.jwks.setStatus(500);
    const token = await h.token('604');
    const refused = await refusedUpgrade(`${h.api.url.replace(/^http/, 'ws')}/events`, {
      Authorization: `Bearer ${token}`,
    });
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toEqual({ error: 'jwks_unavailable' });
    expect(refused.opened).toBe(false);
    expect(h.api.openSocketCount()).toBe(0);
  });
});
