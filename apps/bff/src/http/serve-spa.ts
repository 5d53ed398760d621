import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import send from 'koa-send';

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * Serves the built SPA from the same origin as the API. Vite's hashed files under
 * /assets/ never change, so browsers may keep them for a year; index.html must be
 * revalidated every time so a deploy is picked up. Deep links (any other GET that wants
 * HTML) get index.html, and the SPA routes them.
 */
export function serveSpa(distDir: string): Middleware {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`WEB_DIST_DIR has no index.html: ${distDir} (run \`npm run build\` first)`);
  }
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      await next();
      return;
    }
    if (ctx.path.startsWith('/api/') || ctx.path.startsWith('/auth/')) {
      await next();
      return;
    }
    if (ctx.path.startsWith('/assets/')) {
      await send(ctx, ctx.path, { root: distDir, maxage: YEAR_MS, immutable: true });
      return;
    }
    if (ctx.path !== '/' && ctx.path !== '/index.html' && (await trySend(ctx, distDir))) return;
    if (!ctx.accepts('html')) {
      await next();
      return;
    }
    await send(ctx, 'index.html', {
      root: distDir,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    });
  };
}

/** Other files at the root of dist (favicon, robots.txt): short caching, they are not hashed. */
async function trySend(ctx: Parameters<Middleware>[0], distDir: string): Promise<boolean> {
  try {
    const path = await send(ctx, ctx.path, { root: distDir, maxage: 3600_000 });
    return Boolean(path);
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'status' in err && (err.status === 404 || err.status === 400)) {
      return false;
    }
    throw err;
  }
}
