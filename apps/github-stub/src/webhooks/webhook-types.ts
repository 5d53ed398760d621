/** One POST the stand-in made (or is making) to the webhook URL. */
export interface WebhookDelivery {
  /** X-GitHub-Delivery; a redelivery keeps the original's. */
  deliveryId: string;
  event: string;
  hookId: number;
  url: string;
  /** The request headers as sent. */
  headers: Record<string, string>;
  /** The exact body sent (UTF-8), the bytes the signature covers. */
  body: string;
  redelivery: boolean;
  /** When it was sent, by the stub's clock (ms). */
  time: number;
  /** 'pending' while the receiver has not answered. */
  state: 'pending' | 'done';
  /** The receiver's HTTP status; null while pending or when no answer came. */
  status: number | null;
  /** Why no answer came (connection refused, 10 s timeout, close()); null otherwise. */
  error: string | null;
}

export interface WebhookResult {
  deliveryId: string;
  status: number | null;
  error: string | null;
}

export interface WebhookConfig {
  /** Where deliveries go; undefined sends nothing. */
  url?: string | undefined;
  /** Signs deliveries (X-Hub-Signature-256) when set. */
  secret?: string | undefined;
}
