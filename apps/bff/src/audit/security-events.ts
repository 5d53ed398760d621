import type { Context } from 'koa';
import type { Logger } from 'pino';
import type { AuthErrorCode } from '../contract.ts';
import type { BffMetrics } from '../metrics/bff-metrics.ts';

/** Why a session ended: a fixed set (a metric label and an audit field). */
export type SessionEndReason =
  | 'logout'
  | 'idle'
  | 'absolute'
  | 'sign_out_others'
  | 'sign_out_device'
  | 'disconnect'
  | 'recheck'
  | 'revoked'
  | 'replaced'
  | 'webhook'
  | 'token_limit'
  | 'sso_required';

/** Who: never a token, cookie, code or state; the session by its id (the token's hash). */
export interface Subject {
  readonly userId: number;
  readonly login: string;
  readonly sessionId?: string;
}

/** Where from: the request's id, the client address (as trusted), its user agent. */
export interface RequestFacts {
  readonly requestId?: string;
  readonly ip?: string;
  readonly userAgent?: string;
}

export interface SecurityEvents {
  signedIn(facts: RequestFacts, who: Subject): void;
  signInRefused(facts: RequestFacts, code: AuthErrorCode, detail?: string): void;
  sessionEnded(facts: RequestFacts, who: Subject | undefined, reason: SessionEndReason): void;
  tokenRefreshed(facts: RequestFacts, who: Subject, outcome: 'refreshed' | 'postponed' | 'failed'): void;
  tokenRevoked(facts: RequestFacts, who: Subject | undefined, why: string, outcome: 'revoked' | 'failed'): void;
  recheck(facts: RequestFacts, who: Subject, outcome: 'ok' | 'postponed' | 'ended' | 'rate_limited'): void;
  accessLost(facts: RequestFacts, who: Subject, what: string): void;
  webhookReceived(facts: RequestFacts, event: string, deliveryId: string, outcome: string): void;
}

/**
 * One audit line per security event (`audit: true`, to the log or to AUDIT_LOG_FILE), each with
 * who, which session, from where and the request id, and the matching metric moved. Security: no
 * token, cookie, code or state is ever a field here (the log test reads every line).
 */
export function createSecurityEvents(audit: Logger, metrics: BffMetrics): SecurityEvents {
  const line = (event: string, facts: RequestFacts, fields: object) =>
    audit.info({ audit: true, event, ...facts, ...fields }, `audit: ${event}`);
  const whoFields = (who: Subject | undefined) =>
    who ? { userId: who.userId, login: who.login, ...(who.sessionId ? { sessionId: who.sessionId } : {}) } : {};
  return {
    signedIn(facts, who) {
      metrics.signIns.inc({ outcome: 'success' });
      metrics.sessionsStarted.inc();
      line('sign_in', facts, whoFields(who));
    },
    signInRefused(facts, code, detail) {
      metrics.signIns.inc({ outcome: code });
      line('sign_in_refused', facts, { code, ...(detail ? { detail } : {}) });
    },
    sessionEnded(facts, who, reason) {
      metrics.sessionsEnded.inc({ reason });
      line('session_ended', facts, { ...whoFields(who), reason });
    },
    tokenRefreshed(facts, who, outcome) {
      metrics.tokenRefreshes.inc({ outcome });
      line('token_refreshed', facts, { ...whoFields(who), outcome });
    },
    tokenRevoked(facts, who, why, outcome) {
      line('token_revoked', facts, { ...whoFields(who), why, outcome });
    },
    recheck(facts, who, outcome) {
      metrics.rechecks.inc({ outcome });
      if (outcome !== 'ok') line('recheck', facts, { ...whoFields(who), outcome });
    },
    accessLost(facts, who, what) {
      line('access_lost', facts, { ...whoFields(who), what });
    },
    webhookReceived(facts, event, deliveryId, outcome) {
      line('webhook_received', facts, { githubEvent: event, deliveryId, outcome });
    },
  };
}

/** The facts of a Koa request. The user agent is trimmed: it is the client's to write. */
export function factsOf(ctx: Context): RequestFacts {
  const requestId: unknown = ctx.state.requestId;
  return {
    ...(typeof requestId === 'string' ? { requestId } : {}),
    ip: ctx.ip,
    userAgent: ctx.get('User-Agent').slice(0, 200),
  };
}
