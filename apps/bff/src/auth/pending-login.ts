import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { idOfToken } from '../crypto/tokens.ts';
import { BffError } from '../errors/index.ts';
import type { Services } from '../services.ts';
import type { PendingLogin } from '../session/session-data.ts';
import { bindSignIn, signInBindingOf } from './sign-in-binding.ts';

/** RFC 9700 asks for a short-lived state; ten minutes is ample to approve on GitHub. */
export const PENDING_LOGIN_TTL_MS = 10 * 60 * 1000;
/** The store keeps it longer, so a late callback is told `login_expired` rather than `invalid_state`. */
const KEEP_MS = 2 * PENDING_LOGIN_TTL_MS;

/** Records a started sign-in under the hash of its `state`, bound to this browser. */
export async function putPendingLogin(
  ctx: Context,
  { store, config, now }: Services,
  state: string,
  login: Omit<PendingLogin, 'binding' | 'createdAt'>,
): Promise<void> {
  const createdAt = now();
  const { binding, commit } = bindSignIn(ctx, config);
  await store.putPendingLogin(idOfToken(state), { ...login, binding, createdAt }, createdAt + KEEP_MS);
  commit();
}

/**
 * The pending sign-in `state` belongs to, taken from the store first (atomically: each state
 * works once, whatever happens next, however many callbacks race with it), then checked:
 * started by this browser, and not too long ago. Throws `state_invalid` or `login_expired`.
 */
export async function takePendingLogin(
  ctx: Context,
  { store, config, now }: Services,
  state: unknown,
): Promise<PendingLogin> {
  if (typeof state !== 'string' || state === '' || state.length > 256) {
    throw new BffError('state_invalid', { detail: 'no state' });
  }
  const login = await store.takePendingLogin(idOfToken(state));
  if (!login) throw new BffError('state_invalid', { detail: 'unknown or spent state' });
  const binding = signInBindingOf(ctx, config);
  if (binding === undefined || !sameString(binding, login.binding)) {
    throw new BffError('state_invalid', { detail: 'state started by another browser' });
  }
  if (now() - login.createdAt >= PENDING_LOGIN_TTL_MS) throw new BffError('login_expired');
  return login;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
