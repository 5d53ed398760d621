import { startServerProgram } from './server-program.ts';
import { signInByLoginRoute, type Contender } from './contender.ts';

/** Koa 3 + @koa/router answering the same JSON with no session, no headers, no log: the framework's ceiling. */
export function startBareKoa(meBody: unknown): Promise<Contender> {
  return startServerProgram({
    key: 'bare-koa',
    label: 'Bare Koa (same JSON, no session)',
    notes: 'Koa 3 + @koa/router, one route, `ctx.body = me`; no session, no helmet, no logging, no CSRF check.',
    program: 'bare-koa',
    meBody,
    readyPath: '/api/me',
    path: '/api/me',
    signIn: async () => '',
  });
}

/** Plain node:http: no framework; shows what the load generator can drive on this machine. */
export function startNodeHttp(meBody: unknown): Promise<Contender> {
  return startServerProgram({
    key: 'node-http',
    label: 'node:http (load-generator ceiling)',
    notes: '`http.createServer` writing the same JSON; a reference for the load generator, not a contender.',
    program: 'node-http',
    meBody,
    readyPath: '/api/me',
    path: '/api/me',
    signIn: async () => '',
  });
}

/** Koa + koa-session with a Map store: the floor of this design, doing none of the product's work. */
export function startKoaSession(meBody: unknown): Promise<Contender> {
  return startServerProgram({
    key: 'koa-session',
    label: 'Koa + koa-session, Map store',
    notes:
      'Koa 3 + koa-session 7 with an external store that is an in-process Map, `ctx.body = ctx.session.user`: ' +
      'the floor of this design — no database, no sealing, no security headers, no CSRF check, no logging.',
    program: 'koa-session',
    meBody,
    readyPath: '/login',
    path: '/api/me',
    signIn: signInByLoginRoute,
  });
}
