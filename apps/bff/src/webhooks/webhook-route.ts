import type { Middleware } from 'koa';
import { factsOf, type RequestFacts } from '../audit/security-events.ts';
import { BffError, errorLogFields, isBffError } from '../errors/index.ts';
import type { Services } from '../services.ts';
import { isUserSession } from '../session/session-lifetime.ts';
import type { SessionEvaluator } from '../signed-in/evaluate-session.ts';
import { readRawBody } from './read-raw-body.ts';
import { actionOf, type WebhookAction } from './webhook-events.ts';
import { isValidWebhookSignature } from './webhook-signature.ts';

/** The events the BFF acts on are a few kilobytes; GitHub caps payloads at 25 MB. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;
/** GitHub redelivers with the same X-GitHub-Delivery; redeliveries older than a day are refused. */
export const DELIVERY_MEMORY_MS = 24 * 60 * 60_000;
const DELIVERY_ID = /^[A-Za-z0-9-]{1,100}$/;
const EVENT_NAME = /^[a-z_]{1,64}$/;

/**
 * `POST /webhooks/github`: GitHub tells the BFF at once what a re-check would learn minutes later.
 * Outside /api (GitHub sends no X-CSRF), authenticated instead by X-Hub-Signature-256 over the raw
 * body. Unsigned, wrongly signed (401) or oversized (413) deliveries change nothing; a repeated
 * X-GitHub-Delivery is acknowledged (202) and ignored, once across every instance.
 * Answers: 200 acted on, 202 ignored or already seen.
 */
export function webhookRoute(services: Services, evaluator: SessionEvaluator): Middleware {
  const { config, store, events, log } = services;
  return async (ctx) => {
    const secret = config.github.webhookSecret;
    if (secret === null) throw new BffError('not_found', { detail: 'GITHUB_WEBHOOK_SECRET is not set' });
    const body = await readRawBody(ctx, MAX_WEBHOOK_BYTES);
    const event = ctx.get('X-GitHub-Event');
    const deliveryId = ctx.get('X-GitHub-Delivery');
    const facts = factsOf(ctx);
    if (!isValidWebhookSignature(body, ctx.get('X-Hub-Signature-256') || undefined, secret)) {
      events.webhookReceived(facts, EVENT_NAME.test(event) ? event : 'unknown', safeId(deliveryId), 'bad_signature');
      throw new BffError('webhook_signature_invalid');
    }
    if (!EVENT_NAME.test(event) || !DELIVERY_ID.test(deliveryId)) {
      throw new BffError('bad_request', { detail: 'X-GitHub-Event or X-GitHub-Delivery missing or malformed' });
    }
    const payload = parseJson(body);
    const memoryKey = `webhook-delivery:${deliveryId}`;
    if (!(await store.rememberOnce(memoryKey, DELIVERY_MEMORY_MS))) {
      events.webhookReceived(facts, event, deliveryId, 'duplicate');
      ctx.status = 202;
      ctx.body = { outcome: 'duplicate' };
      return;
    }
    const action = actionOf(event, payload, config);
    events.webhookReceived(facts, event, deliveryId, action.kind);
    try {
      await perform(services, evaluator, action, facts);
    } catch (err) {
      // Not done: forget the delivery, so GitHub's redelivery (or the next attempt) can do it.
      log.warn({ ...errorLogFields(err), deliveryId }, 'webhook not handled');
      await store.forget(memoryKey).catch(() => undefined);
      throw err;
    }
    ctx.status = action.kind === 'ignore' ? 202 : 200;
    ctx.body = { outcome: action.kind };
  };
}

async function perform(
  services: Services,
  evaluator: SessionEvaluator,
  action: WebhookAction,
  facts: RequestFacts,
): Promise<void> {
  const { store, events } = services;
  if (action.kind === 'end_sessions') {
    // GitHub has revoked the tokens already: there is nothing left to revoke.
    for (const ended of await store.destroyByUser(action.userId)) {
      const who = ended.data.user ? { userId: ended.data.user.id, login: ended.data.user.login } : undefined;
      events.sessionEnded(facts, who && { ...who, sessionId: ended.id }, 'webhook');
    }
    return;
  }
  if (action.kind === 'recheck_sessions') {
    await Promise.all(
      (await store.listByUser(action.userId)).map(async ({ id, data }) => {
        if (!isUserSession(data)) return;
        // Due now, whatever the interval says: the same policy as a request's re-check.
        const verdict = await evaluator.evaluate('', id, { ...data, checkedAt: 0 }, facts).catch((err: unknown) => {
          // GitHub rate-limited or down: the next request of this session re-checks instead.
          if (!isBffError(err, 'github_rate_limited', 'github_unavailable')) throw err;
          return { alive: true as const, changes: { checkedAt: 0 }, session: undefined };
        });
        if (!verdict.alive) {
          await store.destroy(id);
          events.sessionEnded(facts, verdict.who, 'webhook');
          return;
        }
        const next = { ...data, ...verdict.changes };
        await store.update(id, next, next.expiresAt ?? verdict.session?.expiresAt ?? services.now());
      }),
    );
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (cause) {
    throw new BffError('bad_request', { detail: 'webhook body is not JSON', cause });
  }
}

/** A delivery id as the log may show it (an unsigned request's header is anyone's to write). */
function safeId(deliveryId: string): string {
  return DELIVERY_ID.test(deliveryId) ? deliveryId : 'invalid';
}
