import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { approveAuthorization, STUB_DEFAULTS, type GitHubStub } from './index.ts';

export const CLIENT_ID = STUB_DEFAULTS.clientId;
export const CLIENT_SECRET = STUB_DEFAULTS.clientSecret;
export const CALLBACK = 'http://localhost:5999/auth/callback';

export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(stub: GitHubStub, params: Record<string, string>): string {
  return `${stub.url}/login/oauth/authorize?${new URLSearchParams(params).toString()}`;
}

/** One authorize request, its redirect not followed: for testing the authorize endpoint itself. */
export async function authorizeWith(stub: GitHubStub, params: Record<string, string>): Promise<URL> {
  const response = await fetch(authorizeUrl(stub, params), { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`authorize answered ${response.status}`);
  return new URL(response.headers.get('location') ?? '');
}

export async function getCode(
  stub: GitHubStub,
  options: { login?: string; scope?: string; challenge?: string } = {},
): Promise<string> {
  const params: Record<string, string> = {
    client_id: CLIENT_ID,
    redirect_uri: CALLBACK,
    scope: options.scope ?? 'read:user user:email read:org',
  };
  if (options.challenge) Object.assign(params, { code_challenge: options.challenge, code_challenge_method: 'S256' });
  // The stand-in's own approveAuthorization(), as the BFF's tests and the bench answer it.
  const callback = await approveAuthorization(authorizeUrl(stub, params), { login: options.login ?? 'mona' });
  const code = new URL(callback).searchParams.get('code');
  if (!code) throw new Error('no code in redirect');
  return code;
}

export async function postToken(
  stub: GitHubStub,
  params: Record<string, string>,
  accept = 'application/json',
): Promise<{ status: number; type: string; json: Record<string, unknown> }> {
  const response = await fetch(`${stub.url}/login/oauth/access_token`, {
    method: 'POST',
    headers: { Accept: accept, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const json = type.startsWith('application/json')
    ? (JSON.parse(text) as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(text));
  return { status: response.status, type, json };
}

export async function exchangeCode(stub: GitHubStub, code: string, extra: Record<string, string> = {}) {
  return postToken(stub, { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code, ...extra });
}

/** Full sign-in through the shortcut; returns the token response. */
export async function signIn(
  stub: GitHubStub,
  options: { login?: string; scope?: string } = {},
): Promise<Record<string, unknown>> {
  const { json } = await exchangeCode(stub, await getCode(stub, options));
  if (typeof json.access_token !== 'string') throw new Error(`sign-in failed: ${JSON.stringify(json)}`);
  return json;
}

export async function signInToken(stub: GitHubStub, options: { login?: string; scope?: string } = {}) {
  return String((await signIn(stub, options)).access_token);
}

export function callApi(stub: GitHubStub, path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
  return fetch(`${stub.apiUrl}${path}`, { ...init, headers });
}

export function basicAuth(id = CLIENT_ID, secret = CLIENT_SECRET): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw bytes received. */
  body: Buffer;
  json: Record<string, unknown>;
}

/** An HTTP server that records webhook POSTs and answers `status` (after `delayMs`). */
export async function startWebhookReceiver(options: { status?: number; delayMs?: number } = {}) {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ headers: req.headers, body, json: JSON.parse(body.toString('utf8')) as Record<string, unknown> });
      setTimeout(() => res.writeHead(options.status ?? 200).end('ok'), options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}/webhooks/github`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, received, close };
}

export function hmacSha256(secret: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
