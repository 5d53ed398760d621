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
    env: { STUB_PORT: String(port), STUB_HOST: 'localhost' },
  });
  const url = `http://localhost:${port}`;
  await waitForHttp(server, `${url}/avatars/mona.svg`);
  return { url, server };
}
