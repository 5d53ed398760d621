import { ConfigError, readConfig } from './config.ts';
import { startNotesApi } from './start-notes-api.ts';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const api = await startNotesApi(config);
  console.log(
    `notes-api listening on ${api.url} (issuer ${config.issuer}, audience ${config.audience}, JWKS ${config.jwksUrl}, db ${config.dbPath})`,
  );

  const shutDown = (): void => {
    void api.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}

main().catch((error: unknown) => {
  // A ConfigError's message already lists every problem; anything else (a busy port) is one line too.
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
