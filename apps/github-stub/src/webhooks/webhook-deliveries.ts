import { randomUUID } from 'node:crypto';
import type { StubState } from '../state.ts';
import type { WebhookDelivery, WebhookResult } from './webhook-types.ts';
import { signatureHeaders } from './webhook-signature.ts';

/** X-GitHub-Hook-ID and the app id (X-GitHub-Hook-Installation-Target-ID) of the stand-in's hook. */
export const WEBHOOK_HOOK_ID = 4242001;
export const WEBHOOK_APP_ID = 4242;

// GitHub gives up on a receiver that has not answered within 10 seconds.
// https://docs.github.com/webhooks/using-webhooks/handling-failed-webhook-deliveries
const TIMEOUT_MS = 10_000;

/** Misuse of the webhook controls; answered 4xx over /_stub. */
export class WebhookControlError extends Error {
  readonly expose = true;
  readonly status: 400 | 404;
  constructor(status: 400 | 404, message: string) {
    super(message);
    this.status = status;
  }
}

function resultOf(delivery: WebhookDelivery): WebhookResult {
  return { deliveryId: delivery.deliveryId, status: delivery.status, error: delivery.error };
}

/** POSTs the recorded request; never throws, the outcome is written into the record. */
function post(state: StubState, delivery: WebhookDelivery): Promise<WebhookResult> {
  state.deliveries.push(delivery);
  const signal = AbortSignal.any([state.webhookAbort.signal, AbortSignal.timeout(TIMEOUT_MS)]);
  const sent = fetch(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body, signal })
    .then(async (response) => {
      delivery.status = response.status;
      await response.body?.cancel();
    })
    .catch((error: unknown) => {
      delivery.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    })
    .then(() => {
      delivery.state = 'done';
      state.pendingDeliveries.delete(sent);
      return resultOf(delivery);
    });
  state.pendingDeliveries.add(sent);
  return sent;
}

/** Sends `payload` as event `event` to the webhook URL, signed with the secret if there is one. */
export function sendWebhook(state: StubState, event: string, payload: unknown): Promise<WebhookResult> {
  const url = state.webhook.url;
  if (url === undefined) throw new WebhookControlError(400, 'No webhook URL: pass webhookUrl or call setWebhook()');
  const body = JSON.stringify(payload);
  // https://docs.github.com/webhooks/webhook-events-and-payloads#delivery-headers
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'GitHub-Hookshot/github-stub',
    'X-GitHub-Event': event,
    'X-GitHub-Delivery': randomUUID(),
    'X-GitHub-Hook-ID': String(WEBHOOK_HOOK_ID),
    'X-GitHub-Hook-Installation-Target-Type': 'integration',
    'X-GitHub-Hook-Installation-Target-ID': String(WEBHOOK_APP_ID),
    ...signatureHeaders(Buffer.from(body, 'utf8'), state.webhook.secret),
  };
  return post(state, {
    deliveryId: headers['X-GitHub-Delivery'],
    event,
    hookId: WEBHOOK_HOOK_ID,
    url,
    headers,
    body,
    redelivery: false,
    time: state.config.now(),
    state: 'pending',
    status: null,
    error: null,
  });
}

/**
 * Sends a recorded delivery again, byte for byte with the same headers: "If you request a
 * redelivery, the X-GitHub-Delivery header will be the same as in the original delivery."
 * https://docs.github.com/webhooks/using-webhooks/best-practices-for-using-webhooks#use-the-x-github-delivery-header
 */
export function redeliverWebhook(state: StubState, deliveryId: string): Promise<WebhookResult> {
  const original = state.deliveries.find((delivery) => delivery.deliveryId === deliveryId && !delivery.redelivery);
  if (!original) throw new WebhookControlError(404, `No recorded delivery ${deliveryId}`);
  return post(state, {
    ...original,
    headers: { ...original.headers },
    url: state.webhook.url ?? original.url,
    redelivery: true,
    time: state.config.now(),
    state: 'pending',
    status: null,
    error: null,
  });
}

/** For events the stand-in raises itself: nothing without a URL, and never an exception. */
export function queueWebhook(state: StubState, event: string, payload: unknown): void {
  if (state.webhook.url === undefined) return;
  void sendWebhook(state, event, payload);
}

export async function flushWebhooks(state: StubState): Promise<void> {
  while (state.pendingDeliveries.size > 0) await Promise.allSettled([...state.pendingDeliveries]);
}
