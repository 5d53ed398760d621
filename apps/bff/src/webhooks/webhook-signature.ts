import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/;

/**
 * Whether `header` (X-Hub-Signature-256) is `sha256=` and the hex HMAC-SHA256 of the exact bytes
 * received, keyed with the webhook secret. Security: compared in constant time, on buffers of
 * equal length (a malformed header is refused before any comparison). The legacy SHA-1
 * X-Hub-Signature is never accepted.
 * https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries
 */
export function isValidWebhookSignature(body: Buffer, header: string | undefined, secret: string): boolean {
  const match = SIGNATURE.exec(header?.trim().toLowerCase() ?? '');
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(match[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
