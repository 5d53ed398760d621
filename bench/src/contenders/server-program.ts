import { freePort } from '@github-bff/tests/support/free-port.ts';
import { waitForHttp } from '@github-bff/tests/support/wait-for-http.ts';
import { spawnNode } from '../support/child-server.ts';
import { compiledServer } from '../support/compile.ts';
import { getJson } from '../support/http-client.ts';
import type { Contender } from './contender.ts';

export const CONTENDER_SECRET = 'bench-contender-secret-0123456789abcdefghijklmnopqrstuvwxyz';

export interface ServerProgram {
  readonly key: string;
  readonly label: string;
  readonly notes: string;
  /** The compiled program in bench/dist/servers/. */
  readonly program: string;
  readonly meBody: unknown;
  readonly readyPath: string;
  /** The "who am I" path. */
  readonly path: string;
  /** Mints a session the contender's own way; resolves to the Cookie header ('' for none). */
  readonly signIn: (origin: string) => Promise<string>;
  readonly loginOf?: (body: unknown) => string | undefined;
  /** More environment for the program (a proxy's target). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts one compiled contender server, signs in, and checks its "who am I" answers mona. */
export async function startServerProgram(p: ServerProgram): Promise<Contender> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const server = spawnNode({
    name: p.label,
    args: [compiledServer(p.program)],
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      ME_JSON: JSON.stringify(p.meBody),
      BENCH_SECRET: CONTENDER_SECRET,
      AUTH_SECRET: CONTENDER_SECRET,
      AUTH_URL: '',
      ...p.env,
    },
  });
  const loginOf = p.loginOf ?? topLevelLogin;
  try {
    await waitForHttp(server, `${origin}${p.readyPath}`);
    const cookie = await p.signIn(origin);
    const me = await getJson(`${origin}${p.path}`, cookie ? { cookie } : {});
    if (me.status !== 200 || loginOf(me.json) !== 'mona') {
      throw new Error(`GET ${p.path} answered ${me.status}: ${JSON.stringify(me.json)}`);
    }
    return {
      key: p.key,
      label: p.label,
      notes: p.notes,
      server,
      url: `http://127.0.0.1:${port}${p.path}`,
      cookies: [cookie],
      expectedLogins: ['mona'],
      headers: {},
      loginOf,
    };
  } catch (err) {
    await server.stop();
    throw new Error(`${p.label}: ${err instanceof Error ? err.message : String(err)}\n${server.output()}`, {
      cause: err,
    });
  }
}

export function topLevelLogin(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'login' in body && typeof body.login === 'string'
    ? body.login
    : undefined;
}
