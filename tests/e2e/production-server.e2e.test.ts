import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type RunningProduct } from './support/product.ts';

/** The built server (`npm run build && npm start`) over HTTP: one origin for the SPA and the BFF. */
describe('the production server', () => {
  let product: RunningProduct;
  beforeAll(async () => {
    product = await startProduct('production');
  });
  afterAll(() => product?.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${product.url}${path}`, { headers, redirect: 'manual' });

  it('serves index.html with no-cache and the security headers, and no inline script', async () => {
    const res = await get('/', { Accept: 'text/html' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // HSTS only over https; this PUBLIC_URL is http://localhost.
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const html = await res.text();
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
      ([, attrs, body]) => !/\bsrc=/.test(attrs ?? '') || (body ?? '').trim() !== '',
    );
    expect(inline).toEqual([]);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('serves hashed assets for a year, immutable', async () => {
    const html = await (await get('/')).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const res = await get(asset);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('cache-control'), asset).toBe('max-age=31536000,immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('falls back to the SPA for deep links, and 404s a missing asset', async () => {
    const deep = await get('/projects/42/settings?tab=a', { Accept: 'text/html' });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toMatch(/<div id="root">/);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    expect((await get('/assets/missing-abc123.js')).status).toBe(404);
  });

  it('keeps /api and /auth on the BFF: JSON errors, no-store, never the SPA', async () => {
    const me = await get('/api/me', { 'X-CSRF': '1', Accept: 'text/html' });
    expect(me.status).toBe(401);
    expect(await me.json()).toEqual({ error: 'unauthenticated' });
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(me.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const unknown = await get('/auth/nope', { Accept: 'text/html' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'not_found' });
  });

  it('answers /healthz and /readyz', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await get('/readyz')).json()).toEqual({ status: 'ready' });
  });
});
