import type { Middleware } from 'koa';
import type { MetaResponse } from '../contract.ts';
import type { Services } from '../services.ts';

/** `GET /api/meta` → what the page shows before anyone signs in. */
export function metaRoute({ config }: Services): Middleware {
  const body: MetaResponse = { demo: config.github.demo, githubHost: new URL(config.github.url).host };
  return async (ctx) => {
    ctx.body = body;
  };
}
