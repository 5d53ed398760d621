import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNotesApi } from './app.ts';
import type { StartNotesApiOptions } from './types.ts';

export interface RunningNotesApi {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  openSocketCount(): number;
  close(): Promise<void>;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Listens on `port` (default: a free one) with its own database and sockets. */
export async function startNotesApi(options: StartNotesApiOptions): Promise<RunningNotesApi> {
  const { port = 0, host = 'localhost', ...apiOptions } = options;
  const api = createNotesApi(apiOptions);
  const server = createServer(api.app.callback());
  api.attachWebSocket(server);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    api.close();
    throw error;
  }
  const { port: actualPort } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${formatHost(host)}:${actualPort}`,
    openSocketCount: () => api.openSocketCount(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        api.close();
        server.close(() => resolve());
        // Keep-alive connections would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
