import { generateKeyPairSync } from 'node:crypto';
import { findNginx, startNginx } from '@github-bff/tests/support/nginx.ts';
import { httpRequest } from '../support/http-client.ts';
import type { Contender } from './contender.ts';
import { startProduct, type RunningProduct } from './product.ts';
import { startServerProgram } from './server-program.ts';

/** The upstream's name in the BFF: `/api/bench/*` → the backend. */
export const UPSTREAM_NAME = 'bench';
/** The 1 kB JSON answer, on every contender. */
const DATA_PATH = '/data';
/** Enough for the 100 MB upload of the streaming measurement (the default is 10 MB). */
const MAX_REQUEST_BYTES = 200 * 1024 * 1024;

/** The backend every proxy forwards to; as a contender, the "called directly" row. */
export function startProxyBackend(meBody: unknown): Promise<Contender> {
  return startServerProgram({
    key: 'proxy-direct',
    label: 'The backend called directly',
    notes:
      'node:http answering `GET /data` with 1 kB of JSON (also `/download`, `/upload` and a `ws` echo at `/ws`); ' +
      'no proxy, no session: the ceiling of every row.',
    program: 'proxy-backend',
    meBody,
    readyPath: DATA_PATH,
    path: DATA_PATH,
    signIn: async () => '',
  });
}

/** The BFF's production build with the backend as an upstream, signed in through the stand-in. */
export async function startProxyProduct(
  stubUrl: string,
  backendOrigin: string,
  dbPath: string,
  nodeFlags: readonly string[] = [],
): Promise<{ proxied: Contender; me: RunningProduct }> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const me = await startProduct({
    key: 'proxy-bff-me',
    label: "This product's own GET /api/me (same process)",
    notes: 'The same BFF process as the proxied row, answering its own `GET /api/me`.',
    stubUrl,
    store: 'sqlite',
    dbPath,
    nodeFlags,
    env: {
      API_UPSTREAMS: JSON.stringify([
        {
          name: UPSTREAM_NAME,
          target: backendOrigin,
          methods: ['GET', 'HEAD', 'POST'],
          websocket: true,
          maxRequestBytes: MAX_REQUEST_BYTES,
        },
      ]),
      IDENTITY_SIGNING_KEYS: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      IDENTITY_TOKEN_TTL_SECONDS: '60',
    },
  });
  const proxied: Contender = {
    ...me,
    key: 'proxy-bff',
    label: 'This product, GET /api/bench/data proxied',
    notes:
      'Production build with `API_UPSTREAMS` naming the backend: X-CSRF check, the sealed session read and ' +
      'checked, an ES256 identity assertion (reused for half its 60 s lifetime), header filtering, undici ' +
      'keep-alive pool, one pino log line per request.',
    url: new URL(`/api/${UPSTREAM_NAME}${DATA_PATH}`, me.url).href,
  };
  return { proxied, me };
}

/** Koa + koa-session (in-memory store) + koa-proxies, with or without a keep-alive agent. */
export function startKoaProxy(meBody: unknown, backendOrigin: string, keepAlive: boolean): Promise<Contender> {
  return startServerProgram({
    key: keepAlive ? 'proxy-koa-keepalive' : 'proxy-koa',
    label: keepAlive
      ? 'Koa + koa-session + koa-proxies, keep-alive agent'
      : 'Koa + koa-session + koa-proxies (as its README)',
    notes: keepAlive
      ? 'The same program with `agent: new http.Agent({ keepAlive: true })`, which koa-proxies does not set.'
      : 'Koa 3, koa-session 7 with a Map as its store, a session check, `proxy("/api/bench", { target, ' +
        'changeOrigin: true, rewrite })` as koa-proxies 0.12 documents it: http-proxy opens a connection per request.',
    program: 'koa-proxy',
    meBody,
    readyPath: '/login',
    path: `/api/bench${DATA_PATH}`,
    env: { PROXY_TARGET: backendOrigin, KEEP_ALIVE: keepAlive ? '1' : '0' },
    signIn: async (origin) => {
      const res = await httpRequest(`${origin}/login`);
      return res.setCookies.map((c) => c.split(';', 1)[0]).join('; ');
    },
  });
}

/** nginx's proxy_pass in front of the backend, no auth; skipped (with why) when nginx is missing. */
export async function startNginxProxy(
  backend: Contender,
  backendOrigin: string,
): Promise<{ contender: Contender } | { skipped: string }> {
  if (!findNginx()) return { skipped: 'nginx is not on PATH (Debian: `apt-get install nginx`)' };
  const nginx = await startNginx(backendOrigin);
  return {
    contender: {
      ...backend,
      key: 'proxy-nginx',
      label: 'nginx proxy_pass (no auth)',
      notes:
        "Debian's nginx, one worker, `proxy_pass` with `proxy_http_version 1.1` and the usual X-Forwarded-* headers " +
        '(tests/support/nginx.ts); no upstream `keepalive` block (its default: a connection per request); no session.',
      server: { name: 'nginx', pid: nginx.pid, output: () => '', stop: () => nginx.close() },
      url: `${nginx.url}${DATA_PATH}`,
    },
  };
}
