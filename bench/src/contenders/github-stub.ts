import { freePort } from '@github-bff/tests/support/free-port.ts';
import { waitForHttp } from '@github-bff/tests/support/wait-for-http.ts';
import { spawnNode, type ChildServer } from '../support/child-server.ts';

export interface StubProcess {
  readonly url: string;
  readonly server: ChildServer;
}

/**
 * The built GitHub stand-in (`apps/github-stub/dist/main.js`) in a process of its own, so that
 * its CPU time during sign-ins is measured apart from the BFF's and the load generator's.
 */
export async function startStubProcess(): Promise<StubProcess> {
  const port = await freePort();
  const server = spawnNode({
    name: 'GitHub stand-in',
    args: ['apps/github-stub/dist/main.js'],
    env: {
      STUB_PORT: String(port),
      STUB_HOST: 'localhost',
      // GitHub keeps ten live tokens per user/app/scope and revokes the oldest. The login phase
      // signs mona in hundreds of times (thousands in a full run), and the page phase then reuses
      // the cookie of her first sign-in: with the limit on, its token is revoked and the page
      // signs out (the smoke run's page phase timed out waiting for "Welcome").
      STUB_TOKEN_LIMIT: 'off',
      // Likewise GitHub's 5,000 requests an hour per user: the login phase spends them in
      // minutes, and the stand-in then answers 403 rate-limited (github_unavailable at sign-in).
      STUB_RATE_LIMIT_PER_HOUR: '100000000',
    },
  });
  const url = `http://localhost:${port}`;
  await waitForHttp(server, `${url}/avatars/mona.svg`);
  return { url, server };
}
