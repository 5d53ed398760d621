import { startNotesApi, type RunningNotesApi } from '../start-notes-api.ts';
import type { StartNotesApiOptions } from '../types.ts';
import { startJwksServer, type JwksServer } from './jwks-server.ts';
import { bffClaims, createSigningKey, signToken, type SigningKey, type TokenClaims } from './keys.ts';

export const ISSUER = 'http://bff.test';
/** A fixed clock: tokens and the API agree on "now" whatever the machine's load. */
export const START_MS = Date.UTC(2030, 0, 1, 12, 0, 0);

export interface Harness {
  readonly api: RunningNotesApi;
  readonly jwks: JwksServer;
  readonly key: SigningKey;
  readonly clock: { ms: number };
  readonly logs: string[];
  /** A valid token for `sub`, signed with `key` (default the published one) at the clock's time. */
  token(sub: string, overrides?: TokenClaims, key?: SigningKey): Promise<string>;
  /** fetch against the API with `Authorization: Bearer <token>` when a token is given. */
  request(path: string, token?: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<StartNotesApiOptions> = {}): Promise<Harness> {
  const key = await createSigningKey();
  const jwks = await startJwksServer([key.publicJwk]);
  const clock = { ms: START_MS };
  const logs: string[] = [];
  const api = await startNotesApi({
    jwksUrl: jwks.url,
    issuer: ISSUER,
    dbPath: ':memory:',
    now: () => clock.ms,
    log: (line) => logs.push(line),
    ...options,
  });
  return {
    api,
    jwks,
    key,
    clock,
    logs,
    token: (sub, overrides, signWith = key) => signToken(signWith, bffClaims(sub, clock.ms, ISSUER, overrides)),
    request(path, token, init = {}) {
      const headers = new Headers(init.headers);
      if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
      return fetch(`${api.url}${path}`, { ...init, headers });
    },
    async close() {
      await api.close();
      await jwks.close();
    },
  };
}

export function postNote(harness: Harness, token: string, text: unknown): Promise<Response> {
  return harness.request('/notes', token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }),
  });
}
