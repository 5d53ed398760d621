// `npm run dev`: the BFF, the SPA (Vite), the example backend behind the BFF (apps/notes-api,
// as the `notes` upstream) and, without GitHub credentials, the local GitHub stand-in,
// together, each line of output labelled with its process. The BFF, the backend and the
// stand-in restart when their code changes; Vite hot-reloads the page.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import concurrently from 'concurrently';

if (existsSync('.env')) process.loadEnvFile('.env');
const env = process.env;
const webPort = Number(env.WEB_PORT || 5173);
const bffPort = Number(env.PORT || 3000);
const stubPort = Number(env.STUB_PORT || 3001);
const notesPort = Number(env.NOTES_API_PORT || 4000);
// Your own upstreams in .env replace the example one.
const exampleApi = !env.API_UPSTREAMS && !env.API_UPSTREAMS_FILE;
// The browser talks to Vite only; Vite forwards /api/ and /auth/ to the BFF (one origin).
const publicUrl = env.PUBLIC_URL || `http://localhost:${webPort}`;
const demo = !env.GITHUB_CLIENT_ID || !env.GITHUB_CLIENT_SECRET;
// Demo mode's OAuth app. This script is plain JavaScript run by node and cannot import the
// stand-in's TypeScript (STUB_DEFAULTS in apps/github-stub/src/defaults.ts), so it keeps this one
// copy and hands it to both the stand-in (STUB_CLIENT_ID/STUB_CLIENT_SECRET) and the BFF: the two
// agree even if the stand-in's defaults change.
const DEMO_CLIENT = { id: 'demo-client-id', secret: 'demo-client-secret' };
// Demo mode's webhook secret, new for each run, shared by the stand-in (which signs its
// deliveries with it) and the BFF (which verifies them): the stand-in's "Revoke" signs you out.
const demoWebhookSecret = randomBytes(32).toString('hex');

const bffEnv = {
  PORT: String(bffPort),
  PUBLIC_URL: publicUrl,
  SESSION_DB_PATH: env.SESSION_DB_PATH ?? resolve('data/dev-sessions.db'),
  LOG_FORMAT: env.LOG_FORMAT ?? 'pretty',
  ...(exampleApi
    ? {
        API_UPSTREAMS: JSON.stringify([
          {
            name: 'notes',
            target: `http://localhost:${notesPort}`,
            methods: ['GET', 'POST', 'DELETE'],
            audience: 'notes-api',
            websocket: true,
          },
        ]),
      }
    : {}),
  ...(demo
    ? {
        GITHUB_URL: `http://localhost:${stubPort}`,
        GITHUB_API_URL: `http://localhost:${stubPort}/api/v3`,
        GITHUB_CLIENT_ID: DEMO_CLIENT.id,
        GITHUB_CLIENT_SECRET: DEMO_CLIENT.secret,
        GITHUB_WEBHOOK_SECRET: env.GITHUB_WEBHOOK_SECRET ?? demoWebhookSecret,
      }
    : {}),
};

console.log(
  demo
    ? `\n  Demo mode: no GITHUB_CLIENT_ID/GITHUB_CLIENT_SECRET in .env, so sign-in uses the local GitHub stand-in on :${stubPort}.`
    : `\n  Using GitHub at ${env.GITHUB_URL ?? 'https://github.com'} with client id ${env.GITHUB_CLIENT_ID}.`,
);
console.log(
  `  Starting the BFF on :${bffPort}, the page on :${webPort}${exampleApi ? ` and the example notes API on :${notesPort}` : ''}…\n`,
);
console.log(`  ➜ Open ${publicUrl}\n`);

const commands = [
  ...(demo
    ? [
        {
          name: 'github',
          prefixColor: 'magenta',
          command: 'tsx watch --clear-screen=false apps/github-stub/src/main.ts',
          env: {
            STUB_PORT: String(stubPort),
            STUB_CALLBACK_URL: `${publicUrl}/auth/callback`,
            STUB_CLIENT_ID: DEMO_CLIENT.id,
            STUB_CLIENT_SECRET: DEMO_CLIENT.secret,
            // The BFF directly, not through Vite: webhooks are server to server.
            STUB_WEBHOOK_URL: `http://localhost:${bffPort}/webhooks/github`,
            STUB_WEBHOOK_SECRET: env.GITHUB_WEBHOOK_SECRET ?? demoWebhookSecret,
          },
        },
      ]
    : []),
  { name: 'bff', prefixColor: 'cyan', command: 'tsx watch --clear-screen=false apps/bff/src/server.ts', env: bffEnv },
  ...(exampleApi
    ? [
        {
          name: 'api',
          prefixColor: 'yellow',
          command: 'tsx watch --clear-screen=false apps/notes-api/src/main.ts',
          env: {
            NOTES_API_PORT: String(notesPort),
            // It trusts what the BFF signs: the BFF's keys, the BFF's origin as issuer.
            NOTES_API_JWKS_URL: `http://localhost:${bffPort}/.well-known/jwks.json`,
            NOTES_API_ISSUER: publicUrl,
            NOTES_API_AUDIENCE: 'notes-api',
            NOTES_API_DB_PATH: env.NOTES_API_DB_PATH ?? resolve('data/dev-notes.db'),
          },
        },
      ]
    : []),
  {
    name: 'web',
    prefixColor: 'green',
    command: 'npm run dev --silent --workspace apps/web',
    env: { WEB_PORT: String(webPort), BFF_PORT: String(bffPort) },
  },
];

const { result } = concurrently(commands, { killOthersOn: ['failure'], prefix: '[{name}]', padPrefix: true });
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
