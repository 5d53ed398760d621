import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStubApp } from './app.ts';
import { createControls } from './controls.ts';
import { STUB_DEFAULTS } from './defaults.ts';
import { createState } from './state.ts';
import type { GitHubStub, StartGitHubStubOptions } from './types.ts';

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts a stand-in on its own port with its own state. */
export async function startGitHubStub(options: StartGitHubStubOptions = {}): Promise<GitHubStub> {
  const { port = 0, host = STUB_DEFAULTS.host, ...stubOptions } = options;
  const state = createState(stubOptions);
  const controls = createControls(state);
  const server = createServer(createStubApp(state, controls).callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actualPort } = server.address() as AddressInfo;
  state.url = `http://${formatHost(host)}:${actualPort}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Hanging requests and keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
      for (const release of [...state.hanging]) release();
      // Deliveries in flight end as failures ("AbortError") instead of holding close() open.
      state.webhookAbort.abort();
    });
    return closing;
  };

  return {
    url: state.url,
    apiUrl: `${state.url}/api/v3`,
    get calls() {
      return state.calls;
    },
    ...controls,
    close,
  };
}
