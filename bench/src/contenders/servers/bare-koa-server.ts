import Router from '@koa/router';
import Koa from 'koa';
import { readServerEnv } from './server-env.ts';

/** The framework's ceiling: Koa and @koa/router answering the same JSON, with no session at all. */
const { port, me } = readServerEnv();
const app = new Koa();
const router = new Router();
router.get('/api/me', (ctx) => {
  ctx.body = me;
});
app.use(router.routes());
app.listen(port);
