import { createHmac } from 'node:crypto';
import { startGitHubStub, type GitHubStub } from '@github-bff/github-stub';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getMe, signIn } from '../support/sign-in.ts';
import { startStack, storeEnvOf, type Stack } from '../support/stack.ts';
import { describeEachStore } from '../support/stores.ts';
import { TestBrowser } from '../support/test-browser.ts';

const SECRET = 'webhook-secret-for-the-tests-0123456789';
const MONA = { id: 1001, login: 'mona' };
const revokedPayload = (user = MONA) => ({ action: 'revoked', sender: { ...user, type: 'User' } });

function post(stack: Stack, body: string, headers: Record<string, string> = {}, event = 'github_app_authorization') {
  return fetch(`${stack.url}/webhooks/github`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': crypto.randomUUID(),
      ...headers,
    },
    body,
  });
}

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * POST /webhooks/github: GitHub says at once what a re-check would learn minutes later. The
 * stand-in sends the deliveries GitHub would (signed), to two BFF instances sharing one store.
 */
describeEachStore((store) => {
  let stub: GitHubStub;
  let a: Stack;
  let b: Stack;
  beforeEach(async () => {
    stub = await startGitHubStub();
    a = await startStack(store.stackOptions({ stub, env: { GITHUB_WEBHOOK_SECRET: SECRET } }));
    b = await startStack({ stub, env: { ...storeEnvOf(a), GITHUB_WEBHOOK_SECRET: SECRET } });
    stub.setWebhook({ url: `${a.url}/webhooks/github`, secret: SECRET });
  });
  afterEach(async () => {
    await b.close();
    await a.close();
    await stub.close();
  });

  describe('github_app_authorization revoked', () => {
    it("ends every session of the user on both instances at once, and nobody else's", async () => {
      const onA = new TestBrowser();
      const onB = new TestBrowser();
      const hubot = new TestBrowser();
      await signIn(onA, a);
      await signIn(onB, b);
      await signIn(hubot, a, { login: 'hubot' });
      const [monaToken = ''] = stub.issuedTokens();
      expect((await getMe(onA, a)).status).toBe(200);
      expect((await getMe(onB, b)).status).toBe(200);

      // The user removes the app on GitHub: the stand-in sends the signed webhook to instance A.
      stub.revokeToken(monaToken);
      await stub.flushWebhooks();
      const [delivery] = stub.webhookDeliveries();
      expect(delivery).toMatchObject({ event: 'github_app_authorization', status: 200 });

      // No re-check was due (the clock did not move): only the webhook can have ended them.
      expect((await getMe(onA, a)).status).toBe(401);
      expect((await getMe(onB, b)).status).toBe(401);
      expect((await getMe(hubot, a)).status).toBe(200);
      expect(await a.store.listByUser(MONA.id)).toEqual([]);
    });

    it('a redelivery (the same X-GitHub-Delivery) is acknowledged and ignored', async () => {
      const first = new TestBrowser();
      await signIn(first, a);
      const sent = await stub.sendWebhook('github_app_authorization', revokedPayload());
      expect(sent.status).toBe(200);
      expect((await getMe(first, a)).status).toBe(401);

      const again = new TestBrowser();
      await signIn(again, a);
      const redelivered = await stub.redeliverWebhook(sent.deliveryId);
      expect(redelivered.status).toBe(202);
      expect((await getMe(again, a)).status).toBe(200);
    });

    it('the same delivery reaching both instances at once is acted on exactly once', async () => {
      const body = JSON.stringify(revokedPayload());
      const headers = { 'X-GitHub-Delivery': crypto.randomUUID(), 'X-Hub-Signature-256': sign(body) };
      const statuses = await Promise.all([post(a, body, headers), post(b, body, headers)]).then((rs) =>
        rs.map((r) => r.status).sort(),
      );
      expect(statuses).toEqual([200, 202]);
    });
  });

  describe('a delivery that is not authentic changes nothing', () => {
    let browser: TestBrowser;
    beforeEach(async () => {
      browser = new TestBrowser();
      await signIn(browser, a);
    });
    const body = JSON.stringify(revokedPayload());

    it.each([
      ['no signature', {}],
      ['the signature of another secret', { 'X-Hub-Signature-256': sign(body, `${SECRET}-other`) }],
      ['the signature of another body', { 'X-Hub-Signature-256': sign(`${body} `) }],
      [
        'only the legacy SHA-1 signature',
        { 'X-Hub-Signature': `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}` },
      ],
      ['a signature without sha256=', { 'X-Hub-Signature-256': sign(body).slice('sha256='.length) }],
      ['a truncated signature', { 'X-Hub-Signature-256': sign(body).slice(0, -2) }],
      ['a signature that is not hex', { 'X-Hub-Signature-256': `sha256=${'z'.repeat(64)}` }],
      ['an empty signature', { 'X-Hub-Signature-256': '' }],
    ])('%s: 401 webhook_signature_invalid', async (_what, headers: Record<string, string>) => {
      const res = await post(a, body, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'webhook_signature_invalid' });
      expect((await getMe(browser, a)).status).toBe(200);
    });

    it('the stand-in signing with another secret: 401', async () => {
      stub.setWebhook({ url: `${a.url}/webhooks/github`, secret: `${SECRET}-other` });
      expect((await stub.sendWebhook('github_app_authorization', revokedPayload())).status).toBe(401);
      stub.setWebhook({ url: `${a.url}/webhooks/github` });
      expect((await stub.sendWebhook('github_app_authorization', revokedPayload())).status).toBe(401);
      expect((await getMe(browser, a)).status).toBe(200);
    });

    it('a body over 1 MiB, even signed: 413', async () => {
      const big = JSON.stringify({ ...revokedPayload(), padding: 'x'.repeat(1024 * 1024) });
      const res = await post(a, big, { 'X-Hub-Signature-256': sign(big) });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ error: 'payload_too_large' });
      expect((await getMe(browser, a)).status).toBe(200);
    });

    it('a signed body that is not JSON, or no delivery id: 400, never 500', async () => {
      const notJson = '{"action": "revoked",';
      expect((await post(a, notJson, { 'X-Hub-Signature-256': sign(notJson) })).status).toBe(400);
      expect((await post(a, body, { 'X-Hub-Signature-256': sign(body), 'X-GitHub-Delivery': '' })).status).toBe(400);
      expect((await getMe(browser, a)).status).toBe(200);
    });

    it('a replayed delivery with a valid signature is 202 and ends nothing', async () => {
      const headers = { 'X-GitHub-Delivery': crypto.randomUUID(), 'X-Hub-Signature-256': sign('{}') };
      expect((await post(a, '{}', headers)).status).toBe(202);
      // Now the same delivery id with a real revocation (signed): already seen, ignored.
      const replay = { ...headers, 'X-Hub-Signature-256': sign(body) };
      expect((await post(b, body, replay)).status).toBe(202);
      expect((await getMe(browser, a)).status).toBe(200);
    });

    it('other events: 202, ignored', async () => {
      const push = JSON.stringify({ ref: 'refs/heads/main' });
      const res = await post(a, push, { 'X-Hub-Signature-256': sign(push) }, 'push');
      expect(res.status).toBe(202);
      expect((await getMe(browser, a)).status).toBe(200);
    });
  });
});

describe('membership webhooks re-check the sessions of the user at once', () => {
  let stack: Stack;
  const start = async (env: Record<string, string>) => {
    stack = await startStack({ env: { GITHUB_WEBHOOK_SECRET: SECRET, ...env } });
    stack.stub.setWebhook({ url: `${stack.url}/webhooks/github`, secret: SECRET });
  };
  afterEach(() => stack.close());

  it('organization member_removed of an allowed org ends the session', async () => {
    await start({ GITHUB_ALLOWED_ORGS: 'acme' });
    const browser = new TestBrowser();
    await signIn(browser, stack);
    stack.stub.setOrgMembership('mona', 'acme', false);
    await stack.stub.flushWebhooks();
    expect(stack.stub.webhookDeliveries()).toMatchObject([{ event: 'organization', status: 200 }]);
    expect((await getMe(browser, stack)).status).toBe(401);
  });

  it('membership removed (team) of an allowed team ends the session', async () => {
    await start({ GITHUB_ALLOWED_TEAMS: 'acme/core' });
    const browser = new TestBrowser();
    await signIn(browser, stack);
    stack.stub.setTeamMembership('mona', 'acme', 'core', false);
    await stack.stub.flushWebhooks();
    expect(stack.stub.webhookDeliveries()).toMatchObject([{ event: 'membership', status: 200 }]);
    expect((await getMe(browser, stack)).status).toBe(401);
  });

  it('leaving an org no rule names is ignored (202) and the session lives', async () => {
    await start({ GITHUB_ALLOWED_USERS: 'mona' });
    const browser = new TestBrowser();
    await signIn(browser, stack);
    stack.stub.setOrgMembership('mona', 'acme', false);
    await stack.stub.flushWebhooks();
    expect(stack.stub.webhookDeliveries()).toMatchObject([{ event: 'organization', status: 202 }]);
    expect((await getMe(browser, stack)).status).toBe(200);
  });

  it('still a member of another allowed org: re-checked, and the session lives', async () => {
    await start({ GITHUB_ALLOWED_ORGS: 'acme,other-org' });
    stack.stub.setOrgMembership('mona', 'other-org', true);
    const browser = new TestBrowser();
    await signIn(browser, stack);
    stack.stub.setOrgMembership('mona', 'acme', false);
    await stack.stub.flushWebhooks();
    expect(stack.stub.webhookDeliveries()).toMatchObject([{ event: 'organization', status: 200 }]);
    expect((await getMe(browser, stack)).status).toBe(200);
  });
});

describe('without GITHUB_WEBHOOK_SECRET', () => {
  it('POST /webhooks/github is 404, whatever it carries', async () => {
    const stack = await startStack();
    try {
      const body = JSON.stringify(revokedPayload());
      const res = await post(stack, body, { 'X-Hub-Signature-256': sign(body) });
      expect(res.status).toBe(404);
    } finally {
      await stack.close();
    }
  });
});
