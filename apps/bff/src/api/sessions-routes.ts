import { GITHUB_TOKEN_LIMIT } from '../signed-in/evaluate-session.ts';
import type { Context } from 'koa';
import { factsOf, type SessionEndReason } from '../audit/security-events.ts';
import type { SessionInfo, SessionsResponse } from '../contract.ts';
import { ID_PATTERN } from '../crypto/tokens.ts';
import { BffError, errorLogFields } from '../errors/index.ts';
import { revokeTokensQuietly } from '../github/github-app-tokens.ts';
import type { Services } from '../services.ts';
import { endSession } from '../session/session-context.ts';
import { checkLifetime, isUserSession } from '../session/session-lifetime.ts';
import type { StoredSession } from '../session/session-data.ts';
import type { SignedInHandler } from '../signed-in/require-signed-in.ts';
import type { SignedInSession } from '../signed-in/signed-in-session.ts';

/**
 * "Your sessions" (signed in): `GET /api/sessions`, `DELETE /api/sessions/:id` and
 * `POST /api/sessions/sign-out-others`. Sessions are named by their id (the hash of the cookie's
 * token), never by the token: an id the page shows cannot be turned into a cookie. Ending another
 * device's session also revokes its GitHub token (that is what the button is pressed for: a
 * stolen cookie, a lost laptop).
 */
export function sessionsRoutes({ store, githubApi, config, log, events, lifetime, now }: Services) {
  /** This user's sessions that are alive: a timed-out one the store still keeps is not listed. */
  const liveSessions = async (me: SignedInSession) =>
    (await store.listByUser(me.user.id)).filter(
      ({ id, data }) => id === me.id || (isUserSession(data) && checkLifetime(data, lifetime, now()).alive),
    );
  /** The ended sessions' tokens revoked, and each end recorded with its reason. */
  const endedBy = async (
    ctx: Context,
    me: SignedInSession,
    ended: readonly StoredSession[],
    reason: SessionEndReason,
  ) => {
    const withTokens = ended.filter((s) => s.data.github);
    const outcomes = await revokeTokensQuietly(
      githubApi,
      config.github,
      withTokens.map((s) => s.data.github?.accessToken ?? ''),
      (err) => log.warn(errorLogFields(err), "could not revoke an ended session's token"),
    );
    for (const session of ended) {
      const who = { userId: me.user.id, login: me.user.login, sessionId: session.id };
      events.sessionEnded(factsOf(ctx), who, reason);
      const i = withTokens.indexOf(session);
      if (i >= 0) events.tokenRevoked(factsOf(ctx), who, reason, outcomes[i] ?? 'failed');
    }
  };

  const list: SignedInHandler = async (ctx, me) => {
    const sessions = (await liveSessions(me))
      .map((stored) => toInfo(stored, me))
      .filter((info): info is SessionInfo => info !== undefined)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))
      // Newest first: each session past the tenth has ten newer tokens, and GitHub revoked its own.
      .map((info, index) => (index >= GITHUB_TOKEN_LIMIT ? { ...info, signedOutByTokenLimit: true as const } : info));
    const body: SessionsResponse = { sessions };
    ctx.body = body;
  };

  const destroy: SignedInHandler = async (ctx: Context & { params?: Record<string, string> }, me) => {
    const id = ctx.params?.id ?? '';
    if (!ID_PATTERN.test(id)) throw new BffError('bad_request', { detail: 'not a session id' });
    if (id === me.id) {
      // As at logout: koa-session destroys the store entry and expires the cookie on commit.
      await endedBy(ctx, me, [{ id, data: { github: me.github } }], 'logout');
      endSession(ctx);
    } else {
      // Only this user's sessions can be named: someone else's and none at all look the same.
      const target = (await liveSessions(me)).find((stored) => stored.id === id);
      if (!target) throw new BffError('not_found', { detail: 'no such session of this user' });
      await store.destroy(id);
      await endedBy(ctx, me, [target], 'sign_out_device');
    }
    ctx.status = 204;
  };

  const signOutOthers: SignedInHandler = async (ctx, me) => {
    await endedBy(ctx, me, await store.destroyByUser(me.user.id, { except: me.id }), 'sign_out_others');
    ctx.status = 204;
  };

  return { list, destroy, signOutOthers };
}

function toInfo({ id, data }: StoredSession, me: SignedInSession): SessionInfo | undefined {
  const current = id === me.id;
  // The current session's stored copy may predate this request's touch of lastSeenAt.
  const { createdAt, lastSeenAt, userAgent } = current ? me : data;
  // Only a completed sign-in has a createdAt; a half-written row is not a session to list.
  if (createdAt === undefined) return undefined;
  return {
    id,
    createdAt: new Date(createdAt).toISOString(),
    lastSeenAt: new Date(lastSeenAt ?? createdAt).toISOString(),
    userAgent: userAgent ?? null,
    current,
  };
}
