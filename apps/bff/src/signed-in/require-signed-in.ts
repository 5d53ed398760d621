import type { Context, Middleware } from 'koa';
import { factsOf } from '../audit/security-events.ts';
import { BffError } from '../errors/index.ts';
import type { Services } from '../services.ts';
import { changeSession, currentSession, endSession } from '../session/session-context.ts';
import { createSessionEvaluator, sessionEnded, type SessionEvaluator } from './evaluate-session.ts';
import { createTokenRefresher } from './refresh-github-tokens.ts';
import type { SignedInSession } from './signed-in-session.ts';

export type SignedInHandler = (ctx: Context, session: SignedInSession) => Promise<void> | void;

/** Wraps a route that needs a signed-in user: the handler gets the checked session, or never runs. */
export type SignedIn = ((handler: SignedInHandler) => Middleware) & {
  /** The same policy, for what is not a Koa request (a WebSocket upgrade). */
  readonly evaluator: SessionEvaluator;
};

/**
 * In front of every route that needs a user (evaluate-session.ts decides). An ended session is
 * ended on the server, whatever the cookie says, and the answer is 401.
 */
export function createSignedIn(services: Services): SignedIn {
  const evaluator = createSessionEvaluator(services, createTokenRefresher(services.store, services.oauth));
  const signedInSession = async (ctx: Context): Promise<SignedInSession> => {
    const current = currentSession(ctx);
    if (!current) throw new BffError('unauthenticated');
    const verdict = await evaluator.evaluate(current.token, current.id, current.data, factsOf(ctx));
    if (!verdict.alive) {
      endSession(ctx);
      services.events.sessionEnded(factsOf(ctx), verdict.who, verdict.reason);
      throw sessionEnded(verdict);
    }
    if (Object.keys(verdict.changes).length > 0) changeSession(ctx, verdict.changes);
    return verdict.session;
  };
  const signedIn =
    (handler: SignedInHandler): Middleware =>
    async (ctx) =>
      handler(ctx, await signedInSession(ctx));
  return Object.assign(signedIn, { evaluator });
}
