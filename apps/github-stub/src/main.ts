import { startGitHubStub, STUB_DEFAULTS } from './index.ts';

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return STUB_DEFAULTS.port;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`STUB_PORT must be a port number, got "${raw}"`);
  }
  return port;
}

/** A positive integer, or `off` for no limit; unset keeps GitHub's 10. */
function readTokenLimit(raw: string | undefined): number | false | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'off') return false;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`STUB_TOKEN_LIMIT must be a positive integer or "off", got "${raw}"`);
  return limit;
}

function optional(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

async function main(): Promise<void> {
  const env = process.env;
  const stub = await startGitHubStub({
    port: readPort(env.STUB_PORT),
    host: optional(env.STUB_HOST) ?? STUB_DEFAULTS.host,
    clientId: optional(env.STUB_CLIENT_ID),
    clientSecret: optional(env.STUB_CLIENT_SECRET),
    callbackUrl: optional(env.STUB_CALLBACK_URL),
    expiringTokens: env.STUB_EXPIRING_TOKENS === '1',
    webhookUrl: optional(env.STUB_WEBHOOK_URL),
    webhookSecret: optional(env.STUB_WEBHOOK_SECRET),
    tokenLimit: readTokenLimit(env.STUB_TOKEN_LIMIT),
    ...(optional(env.STUB_RATE_LIMIT_PER_HOUR) ? { rateLimitPerHour: Number(env.STUB_RATE_LIMIT_PER_HOUR) } : {}),
  });
  const clientId = optional(env.STUB_CLIENT_ID) ?? STUB_DEFAULTS.clientId;
  console.log(`GitHub stand-in listening on ${stub.url} (client id ${clientId})`);

  const shutDown = (): void => {
    void stub.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
