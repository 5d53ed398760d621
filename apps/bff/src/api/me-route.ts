import type { MeResponse } from '../contract.ts';
import type { SignedInHandler } from '../signed-in/require-signed-in.ts';

/** `GET /api/me` (signed in) → who is signed in. Never anything of the token. */
export const meRoute: SignedInHandler = (ctx, session) => {
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
