import { Agent } from 'node:http';
import Koa from 'koa';
import proxy from 'koa-proxies';
import session from 'koa-session';
import { readServerEnv } from './server-env.ts';

/**
 * What a Koa user would hand-roll: koa-session with an in-memory store, a session check, and
 * koa-proxies forwarding `/api/bench/*` to the backend, set up as koa-proxies' README shows.
 * KEEP_ALIVE=1 adds the keep-alive agent its README does not mention (http-proxy's default
 * opens a connection per request).
 */
const { port, me, secret } = readServerEnv();
const target = process.env.PROXY_TARGET;
if (!target) throw new Error('PROXY_TARGET is required');

const records = new Map<string, unknown>();
const app = new Koa();
app.keys = [secret];
const options = {
  key: 'sid',
  maxAge: 7 * 24 * 3600 * 1000,
  httpOnly: true,
  sameSite: 'lax' as const,
  store: {
    get: (key: string) => records.get(key),
    set: (key: string, value: unknown) => void records.set(key, value),
    destroy: (key: string) => void records.delete(key),
  },
};
// koa-session's bundled option types reject a store's shape, which it accepts (as in the BFF).
const createSession = session as unknown as (opts: typeof options, app: Koa) => Koa.Middleware;
app.use(createSession(options, app));
app.use(async (ctx, next) => {
  if (ctx.path === '/login') {
    ctx.session!.user = { id: me.id, login: me.login, name: me.name, email: me.email, avatarUrl: me.avatarUrl };
    ctx.body = { login: me.login };
    return;
  }
  if (!ctx.session?.user) {
    ctx.status = 401;
    ctx.body = { error: 'unauthenticated' };
    return;
  }
  await next();
});
app.use(
  proxy('/api/bench', {
    target,
    changeOrigin: true,
    rewrite: (path: string) => path.replace(/^\/api\/bench/, ''),
    ...(process.env.KEEP_ALIVE === '1' ? { agent: new Agent({ keepAlive: true, maxSockets: 256 }) } : {}),
  }),
);
app.listen(port);
