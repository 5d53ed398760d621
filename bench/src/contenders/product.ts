import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startProductionServer } from '@github-bff/tests/support/production-server.ts';
import { getJson } from '../support/http-client.ts';
import { ROOT } from '../support/paths.ts';
import type { Contender } from './contender.ts';
import { signInThroughStub } from './sign-in.ts';

/** Random per run: the server refuses a guessable key, and nothing outside this run needs it. */
export const PRODUCT_SECRET = randomBytes(32).toString('base64');
export const PRODUCT_HEADERS = { 'x-csrf': '1' } as const;

export interface ProductOptions {
  readonly key: string;
  readonly label: string;
  readonly notes: string;
  readonly stubUrl: string;
  readonly store: 'sqlite' | 'redis';
  readonly dbPath: string;
  readonly redisUrl?: string;
  /** Extra flags for node (the profiler's --cpu-prof). */
  readonly nodeFlags?: readonly string[];
  /** More settings on top of the bench's (API_UPSTREAMS, IDENTITY_SIGNING_KEYS). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface RunningProduct extends Contender {
  /** The origin a browser uses (localhost: the cookie's host). */
  readonly publicUrl: string;
  /** The product's own answer to GET /api/me for mona, which the other contenders copy. */
  readonly meBody: unknown;
}

/**
 * The production server exactly as `npm start` runs it after `npm run build`:
 * `node apps/bff/dist/server.js` with NODE_ENV=production, serving the built SPA too, logging
 * one JSON line per request at the default level (to /dev/null here). Signed in through the
 * stand-in, like a browser, before anything is measured.
 */
export async function startProduct(options: ProductOptions): Promise<RunningProduct> {
  const production = await startProductionServer({
    name: options.label,
    stubUrl: options.stubUrl,
    discardStdout: true,
    nodeFlags: options.nodeFlags ?? [],
    env: {
      SESSION_SECRET: PRODUCT_SECRET,
      SESSION_STORE: options.store,
      SESSION_DB_PATH: options.dbPath,
      REDIS_URL: options.redisUrl ?? '',
      REDIS_KEY_PREFIX: 'github-bff:',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      TRUST_PROXY: '',
      // What server.ts picks itself in production, spelled out so no inherited variable changes it.
      WEB_DIST_DIR: join(ROOT, 'apps/web/dist'),
      // The sign-in limiter stays on (its bookkeeping is part of a sign-in) but never refuses the load.
      SIGN_IN_RATE_LIMIT: '1000000',
      ...options.env,
    },
  });
  const server = { name: options.label, pid: production.pid, output: production.logs, stop: production.close };
  const publicUrl = production.url;
  try {
    const { cookie } = await signInThroughStub(publicUrl);
    const me = await getJson(`${publicUrl}/api/me`, { ...PRODUCT_HEADERS, cookie });
    if (me.status !== 200 || loginOf(me.json) !== 'mona') {
      throw new Error(`GET /api/me after sign-in answered ${me.status}: ${JSON.stringify(me.json)}`);
    }
    return {
      key: options.key,
      label: options.label,
      notes: options.notes,
      server,
      url: `http://127.0.0.1:${production.port}/api/me`,
      publicUrl,
      cookies: [cookie],
      expectedLogins: ['mona'],
      headers: PRODUCT_HEADERS,
      loginOf,
      meBody: me.json,
    };
  } catch (err) {
    await production.close();
    throw new Error(`${options.label}: ${err instanceof Error ? err.message : String(err)}\n${production.logs()}`, {
      cause: err,
    });
  }
}

function loginOf(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'login' in body && typeof body.login === 'string'
    ? body.login
    : undefined;
}
