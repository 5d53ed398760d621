import type { Middleware } from 'koa';
import type { MeResponse } from '../contract.ts';
import { HttpError } from '../http/http-error.ts';
import { checkUserSession } from '../session/session-lifetime.ts';
import type { Services } from '../auth/services.ts';

/** `GET /api/me` → who is signed in, or 401. Never anything of the token. */
export function meRoute({ lifetime, now }: Services): Middleware {
  return async (ctx) => {
    const session = checkUserSession(ctx.session, lifetime, now());
    if (!session) {
      // An expired session is ended on the server, whatever the cookie still says.
      if (ctx.session?.user) ctx.session = null;
      throw new HttpError(401, 'unauthenticated');
    }
    const { id, login, name, email, avatarUrl } = session.user;
    const body: MeResponse = {
      id,
      login,
      name,
      email,
      avatarUrl,
      session: {
        createdAt: new Date(session.createdAt).toISOString(),
        expiresAt: new Date(session.expiresAt).toISOString(),
      },
    };
    ctx.body = body;
  };
}
