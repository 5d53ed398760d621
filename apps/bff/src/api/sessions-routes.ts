import type { RouterMiddleware } from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { Services } from '../auth/services.ts';
import type { SessionInfo, SessionsResponse } from '../contract.ts';
import { HttpError } from '../http/http-error.ts';
import { hashSessionId } from '../session/session-id.ts';
import type { SignedInSession } from '../session/session-lifetime.ts';
import type { StoredSession } from '../session/session-store.ts';

/** What hashSessionId gives: SHA-256 in base64url, unpadded. Anything else cannot name a session. */
const HANDLE = /^[A-Za-z0-9_-]{43}$/;

interface Requester {
  readonly session: SignedInSession;
  /** The handle of the session making the request. */
  readonly handle: string;
  readonly userId: number;
}

/**
 * "Your sessions" (behind requireUser): `GET /api/sessions`, `DELETE /api/sessions/:id` and
 * `POST /api/sessions/sign-out-others`. Sessions are named by their handle (the hash of the
 * id), never by the id itself: a handle the page shows cannot be turned into a cookie.
 */
export function sessionsRoutes({ store }: Services) {
  const requester = (ctx: Context): Requester => {
    const session = ctx.state.session;
    if (!session) throw new Error('requireUser must run before the sessions routes');
    // A signed-in session was loaded from the store by its raw id, so koa-session knows it.
    if (session.externalKey === undefined) throw new Error('signed-in session without an external key');
    return { session, handle: hashSessionId(session.externalKey), userId: session.user.id };
  };

  /**
   * Security: filtered by user id again here, so a store that ever answered with a stranger's
   * session (a stale index, a bug) still could not show it to this user or let them end it.
   */
  const sessionsOf = async ({ userId }: Requester): Promise<StoredSession[]> =>
    (await store.listByUser(userId)).filter(({ data }) => data.user?.id === userId);

  const list: Middleware = async (ctx) => {
    const me = requester(ctx);
    const sessions = (await sessionsOf(me))
      .map((stored) => toInfo(stored, me))
      .filter((info): info is SessionInfo => info !== undefined)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
    const body: SessionsResponse = { sessions };
    ctx.body = body;
  };

  const destroy: RouterMiddleware = async (ctx) => {
    const me = requester(ctx);
    const handle = ctx.params.id ?? '';
    if (!HANDLE.test(handle)) throw new HttpError(400, 'bad_request');
    if (handle === me.handle) {
      // koa-session destroys the store entry and expires the cookie on commit, as at logout.
      ctx.session = null;
    } else {
      const owned = (await sessionsOf(me)).some((stored) => stored.handle === handle);
      // Someone else's session and no session at all look the same: nothing to probe.
      if (!owned) throw new HttpError(404, 'not_found');
      await store.destroyByHandle(handle);
    }
    ctx.status = 204;
  };

  const signOutOthers: Middleware = async (ctx) => {
    const me = requester(ctx);
    const others = (await sessionsOf(me)).filter((stored) => stored.handle !== me.handle);
    await Promise.all(others.map((stored) => store.destroyByHandle(stored.handle)));
    ctx.status = 204;
  };

  return { list, destroy, signOutOthers };
}

function toInfo({ handle, data }: StoredSession, me: Requester): SessionInfo | undefined {
  const current = handle === me.handle;
  // The current session's stored copy may predate this request's touch of lastSeenAt.
  const { createdAt, lastSeenAt, userAgent } = current ? me.session : data;
  // Only a completed sign-in has a createdAt; a half-written row is not a session to list.
  if (createdAt === undefined) return undefined;
  return {
    id: handle,
    createdAt: new Date(createdAt).toISOString(),
    lastSeenAt: new Date(lastSeenAt ?? createdAt).toISOString(),
    userAgent: userAgent ?? null,
    current,
  };
}
