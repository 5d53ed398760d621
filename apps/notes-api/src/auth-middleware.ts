import type { Middleware } from 'koa';
import { refusalFor } from './auth-response.ts';
import type { TokenVerifier } from './token-verifier.ts';
import type { NotesState } from './types.ts';

/** Routes behind it see `ctx.state.identity`; anyone else gets 401 (or 503 while keys are unknowable). */
export function requireIdentity(verifier: TokenVerifier): Middleware<NotesState> {
  return async (ctx, next) => {
    const result = await verifier.verify(ctx.get('Authorization') || undefined);
    if (result.ok) {
      ctx.state.identity = result.identity;
      await next();
      return;
    }
    const refusal = refusalFor(result);
    ctx.status = refusal.status;
    ctx.set(refusal.headers);
    ctx.body = refusal.body;
  };
}
