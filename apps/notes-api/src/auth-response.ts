import type { AuthResult } from './token-verifier.ts';

export interface Refusal {
  readonly status: 401 | 503;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: { readonly error: 'unauthenticated' | 'jwks_unavailable' };
}

/** One answer for a refused token, shared by HTTP routes and WebSocket upgrades. */
export function refusalFor(result: Exclude<AuthResult, { ok: true }>): Refusal {
  if (result.reason === 'jwks_unavailable') {
    // Our key source is down, not the caller's fault: worth retrying shortly.
    return { status: 503, headers: { 'Retry-After': '5' }, body: { error: 'jwks_unavailable' } };
  }
  // RFC 6750 §3.1: a request without credentials gets a bare challenge, a bad token `invalid_token`.
  const challenge = result.reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"';
  return { status: 401, headers: { 'WWW-Authenticate': challenge }, body: { error: 'unauthenticated' } };
}
