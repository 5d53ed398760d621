import Router from '@koa/router';
import Koa from 'koa';
import session from 'koa-session';
import { readServerEnv } from './server-env.ts';

/**
 * The floor of this product's design: Koa + koa-session with an external store that is a Map in
 * this process, and a route that reads the user from the session. None of the product's work:
 * no database, no sealing, no security headers, no CSRF check, no logging.
 */
const { port, me, secret } = readServerEnv();
const sessions = new Map<string, { value: unknown; expires: number }>();
const app = new Koa();
app.keys = [secret];
// koa-session's bundled option types reject an external store's shape, which it accepts.
const createSession = session as unknown as (opts: object, app: Koa) => Koa.Middleware;
type WithSession = Koa.Context & { session?: Record<string, unknown> | null };
app.use(
  createSession(
    {
      key: 'sid',
      maxAge: 7 * 24 * 3600 * 1000,
      httpOnly: true,
      sameSite: 'lax',
      store: {
        get: (key: string) => {
          const entry = sessions.get(key);
          return entry && entry.expires > Date.now() ? entry.value : undefined;
        },
        set: (key: string, value: unknown, maxAge: number) => {
          sessions.set(key, { value, expires: Date.now() + maxAge });
        },
        destroy: (key: string) => {
          sessions.delete(key);
        },
      },
    },
    app,
  ),
);
const router = new Router();
router.get('/login', (ctx: WithSession) => {
  if (!ctx.session) throw new Error('no session middleware');
  ctx.session.user = me;
  ctx.redirect('/');
});
router.get('/api/me', (ctx: WithSession) => {
  const user: unknown = ctx.session?.user;
  if (!user) {
    ctx.status = 401;
    ctx.body = { error: 'unauthenticated' };
    return;
  }
  ctx.body = user;
});
app.use(router.routes());
app.listen(port);
