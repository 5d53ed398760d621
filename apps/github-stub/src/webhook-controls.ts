import { webhookUrl } from './config.ts';
import type { StubState } from './state.ts';
import type { GitHubStub } from './types.ts';
import { flushWebhooks, redeliverWebhook, sendWebhook } from './webhooks/webhook-deliveries.ts';

export type WebhookControls = Pick<
  GitHubStub,
  'setWebhook' | 'sendWebhook' | 'redeliverWebhook' | 'webhookDeliveries' | 'flushWebhooks'
>;

export function createWebhookControls(state: StubState): WebhookControls {
  return {
    setWebhook: ({ url, secret }) => {
      state.webhook = { url: url === undefined ? undefined : webhookUrl(url), secret };
    },
    // async: a misuse (no URL) rejects the promise rather than throwing synchronously.
    sendWebhook: async (event, payload) => sendWebhook(state, event, payload),
    redeliverWebhook: async (deliveryId) => redeliverWebhook(state, deliveryId),
    webhookDeliveries: () => state.deliveries.map((delivery) => ({ ...delivery, headers: { ...delivery.headers } })),
    flushWebhooks: () => flushWebhooks(state),
  };
}
