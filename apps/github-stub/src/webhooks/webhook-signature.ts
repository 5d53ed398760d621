import { createHmac } from 'node:crypto';

/**
 * "X-Hub-Signature-256 … the HMAC hex digest of the request body … generated using the
 * SHA-256 hash function and the secret as the HMAC key", prefixed `sha256=`; the legacy
 * X-Hub-Signature is the same with SHA-1. Both only when a secret is set.
 * https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries
 */
export function signatureHeaders(body: Buffer, secret: string | undefined): Record<string, string> {
  if (secret === undefined || secret === '') return {};
  return {
    'X-Hub-Signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
    'X-Hub-Signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
  };
}
