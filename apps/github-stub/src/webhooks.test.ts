import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, WEBHOOK_HOOK_ID, type GitHubStub } from './index.ts';
import { CALLBACK, hmacSha256, startWebhookReceiver } from './test-helpers.ts';

const SECRET = 'it-is-a-secret-to-everybody';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let stub: GitHubStub;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
  stub = await startGitHubStub({ callbackUrl: CALLBACK, webhookUrl: receiver.url, webhookSecret: SECRET });
});
afterEach(async () => {
  await stub.close();
  await receiver.close();
});

describe('sendWebhook()', () => {
  it('POSTs signed JSON with GitHub’s headers and returns the delivery id and status', async () => {
    const payload = { action: 'revoked', sender: { login: 'Mona ✓', id: 1001 } };
    const result = await stub.sendWebhook('github_app_authorization', payload);
    expect(result).toEqual({ deliveryId: expect.stringMatching(UUID), status: 200, error: null });
    const [got] = receiver.received;
    expect(got?.json).toEqual(payload);
    expect(got?.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': expect.stringMatching(/^GitHub-Hookshot\/\S+$/),
      'x-github-event': 'github_app_authorization',
      'x-github-delivery': result.deliveryId,
      'x-github-hook-id': String(WEBHOOK_HOOK_ID),
    });
    // Over the exact bytes received (the payload has a non-ASCII character).
    expect(got?.headers['x-hub-signature-256']).toBe(hmacSha256(SECRET, got?.body ?? Buffer.alloc(0)));
    expect(got?.headers['x-hub-signature-256']).not.toBe(hmacSha256('wrong', got?.body ?? Buffer.alloc(0)));
    const [recorded] = stub.webhookDeliveries();
    expect(recorded).toMatchObject({
      deliveryId: result.deliveryId,
      event: 'github_app_authorization',
      url: receiver.url,
      body: got?.body.toString('utf8'),
      redelivery: false,
      state: 'done',
      status: 200,
      error: null,
    });
  });

  it('records a receiver error status and an unreachable receiver, and never throws for them', async () => {
    const failing = await startWebhookReceiver({ status: 500 });
    try {
      stub.setWebhook({ url: failing.url, secret: SECRET });
      expect((await stub.sendWebhook('ping', { zen: 'x' })).status).toBe(500);
      await failing.close();
      const down = await stub.sendWebhook('ping', { zen: 'y' });
      expect(down.status).toBeNull();
      expect(down.error).toEqual(expect.any(String));
      expect(stub.webhookDeliveries().map((d) => [d.status, d.error === null])).toEqual([
        [500, true],
        [null, false],
      ]);
    } finally {
      await failing.close();
    }
  });

  it('without a secret sends no signature; without a URL rejects', async () => {
    stub.setWebhook({ url: receiver.url });
    await stub.sendWebhook('ping', {});
    expect(receiver.received[0]?.headers['x-hub-signature-256']).toBeUndefined();
    stub.setWebhook({});
    await expect(stub.sendWebhook('ping', {})).rejects.toThrow(/No webhook URL/);
    expect(() => stub.setWebhook({ url: 'ftp://nope' })).toThrow(RangeError);
  });

  it('redeliverWebhook re-sends byte for byte with the same delivery id', async () => {
    const first = await stub.sendWebhook('organization', { action: 'member_removed', n: 1 });
    stub.setWebhook({ url: receiver.url, secret: 'rotated-since' });
    const again = await stub.redeliverWebhook(first.deliveryId);
    expect(again).toEqual({ deliveryId: first.deliveryId, status: 200, error: null });
    const [a, b] = receiver.received;
    expect(b?.body.equals(a?.body ?? Buffer.alloc(0))).toBe(true);
    expect(b?.headers['x-github-delivery']).toBe(first.deliveryId);
    expect(b?.headers['x-hub-signature-256']).toBe(a?.headers['x-hub-signature-256']);
    expect(stub.webhookDeliveries().map((d) => d.redelivery)).toEqual([false, true]);
    await expect(stub.redeliverWebhook('nope')).rejects.toThrow(/No recorded delivery/);
  });

  it('close() ends a delivery in flight promptly and records it as failed', async () => {
    const slow = await startWebhookReceiver({ delayMs: 60_000 });
    try {
      stub.setWebhook({ url: slow.url });
      const pending = stub.sendWebhook('ping', {});
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      await stub.close();
      const result = await pending;
      expect(Date.now() - started).toBeLessThan(1000);
      expect(result.status).toBeNull();
      expect(result.error).toMatch(/Abort/);
    } finally {
      await slow.close();
    }
  });

  it('rejects a webhookUrl option that is not an http(s) URL', async () => {
    await expect(startGitHubStub({ webhookUrl: 'localhost:3000/hooks' })).rejects.toThrow(RangeError);
  });

  it('reset() forgets deliveries and restores the configured URL', async () => {
    await stub.sendWebhook('ping', {});
    stub.setWebhook({});
    stub.reset();
    expect(stub.webhookDeliveries()).toEqual([]);
    expect((await stub.sendWebhook('ping', {})).status).toBe(200);
  });
});

describe('webhook controls over HTTP', () => {
  function control(command: string, body: unknown) {
    return fetch(`${stub.url}/_stub/${command}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('webhook, send-webhook, redeliver-webhook, flush-webhooks and GET webhook-deliveries', async () => {
    expect((await control('webhook', { url: receiver.url, secret: 'other' })).status).toBe(204);
    const sent = await control('send-webhook', { event: 'ping', payload: { zen: 'z' } });
    expect(sent.status).toBe(200);
    const { deliveryId } = (await sent.json()) as { deliveryId: string };
    expect(receiver.received[0]?.headers['x-hub-signature-256']).toBe(
      hmacSha256('other', receiver.received[0]?.body ?? Buffer.alloc(0)),
    );
    expect(await (await control('redeliver-webhook', { deliveryId })).json()).toMatchObject({
      deliveryId,
      status: 200,
    });
    expect((await control('flush-webhooks', {})).status).toBe(204);
    const listed = (await (await fetch(`${stub.url}/_stub/webhook-deliveries`)).json()) as { deliveryId: string }[];
    expect(listed.map((d) => d.deliveryId)).toEqual([deliveryId, deliveryId]);
    expect((await control('redeliver-webhook', { deliveryId: 'nope' })).status).toBe(404);
    expect((await control('send-webhook', { event: 'ping' })).status).toBe(400);
    expect((await control('webhook', { url: 'not a url' })).status).toBe(400);
    expect((await control('webhook', {})).status).toBe(204);
    expect((await control('send-webhook', { event: 'ping', payload: {} })).status).toBe(400);
  });
});
