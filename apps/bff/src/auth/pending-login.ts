import { timingSafeEqual } from 'node:crypto';
import type { AppSession, PendingLogin } from '../session/session-data.ts';

/** RFC 9700 asks for a short-lived state; ten minutes is ample to approve on GitHub. */
export const PENDING_LOGIN_TTL_MS = 10 * 60 * 1000;
/** A few sign-ins may be in flight at once (several tabs); older ones are dropped. */
const MAX_PENDING_LOGINS = 3;

export function addPendingLogin(session: AppSession, login: PendingLogin, now: number): void {
  const alive = (session.pendingLogins ?? []).filter((p) => now - p.createdAt < PENDING_LOGIN_TTL_MS);
  session.pendingLogins = [...alive, login].slice(-MAX_PENDING_LOGINS);
}

export type TakenLogin = { ok: true; login: PendingLogin } | { ok: false; reason: 'invalid_state' | 'login_expired' };

/**
 * Finds and removes the pending login `state` belongs to: each state works once, whatever
 * happens next. A state this browser did not start is refused before GitHub is called.
 */
export function takePendingLogin(session: AppSession | null, state: unknown, now: number): TakenLogin {
  const pending = session?.pendingLogins ?? [];
  if (typeof state !== 'string' || state === '' || !session) return { ok: false, reason: 'invalid_state' };
  const login = pending.find((p) => sameString(p.state, state));
  if (!login) return { ok: false, reason: 'invalid_state' };
  const rest = pending.filter((p) => p !== login);
  if (rest.length > 0) session.pendingLogins = rest;
  else delete session.pendingLogins;
  if (now - login.createdAt >= PENDING_LOGIN_TTL_MS) return { ok: false, reason: 'login_expired' };
  return { ok: true, login };
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
