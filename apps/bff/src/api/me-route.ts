import type { Middleware } from 'koa';
import type { MeResponse } from '../contract.ts';

/** `GET /api/me` (behind requireUser) → who is signed in. Never anything of the token. */
export function meRoute(): Middleware {
  return async (ctx) => {
    const session = ctx.state.session;
    if (!session) throw new Error('requireUser must run before meRoute');
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
