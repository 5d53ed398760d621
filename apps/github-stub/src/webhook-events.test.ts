import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { basicAuth, CALLBACK, CLIENT_ID, signInToken, startWebhookReceiver } from './test-helpers.ts';

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let stub: GitHubStub;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
  stub = await startGitHubStub({ callbackUrl: CALLBACK, webhookUrl: receiver.url, webhookSecret: 's' });
});
afterEach(async () => {
  await stub.close();
  await receiver.close();
});

async function received(): Promise<[string, Record<string, unknown>][]> {
  await stub.flushWebhooks();
  return receiver.received.map((hook) => [String(hook.headers['x-github-event']), hook.json]);
}

describe('webhooks the stand-in sends by itself', () => {
  it('the user revokes the app: github_app_authorization revoked, sender = the user', async () => {
    const token = await signInToken(stub, { login: 'hubot' });
    stub.revokeToken(token);
    expect(await received()).toEqual([
      [
        'github_app_authorization',
        { action: 'revoked', sender: expect.objectContaining({ login: 'hubot', id: 1002, type: 'User' }) },
      ],
    ]);
    // Nothing left to revoke: no second event.
    stub.revokeToken(token);
    expect(await received()).toHaveLength(1);
  });

  it('the app deleting the grant itself is not the user revoking: no webhook', async () => {
    const token = await signInToken(stub);
    const response = await fetch(`${stub.apiUrl}/applications/${CLIENT_ID}/grant`, {
      method: 'DELETE',
      headers: { Authorization: basicAuth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ access_token: token }),
    });
    expect(response.status).toBe(204);
    expect(await received()).toEqual([]);
  });

  it('an org membership removed: organization member_removed with the user and the org', async () => {
    stub.setOrgMembership('hubot', 'acme', false);
    stub.setOrgMembership('hubot', 'acme', false);
    stub.setOrgMembership('hubot', 'acme', true);
    const events = await received();
    expect(events).toEqual([
      [
        'organization',
        expect.objectContaining({
          action: 'member_removed',
          membership: expect.objectContaining({ user: expect.objectContaining({ login: 'hubot', id: 1002 }) }),
          organization: expect.objectContaining({ login: 'acme', id: 5001 }),
          sender: expect.objectContaining({ login: 'hubot' }),
        }),
      ],
    ]);
  });

  it('a team membership removed: membership removed, scope team, with member, team and org', async () => {
    stub.setTeamMembership('mona', 'acme', 'core', false);
    expect(await received()).toEqual([
      [
        'membership',
        expect.objectContaining({
          action: 'removed',
          scope: 'team',
          member: expect.objectContaining({ login: 'mona', id: 1001 }),
          team: expect.objectContaining({ slug: 'core', id: 6001 }),
          organization: expect.objectContaining({ login: 'acme', id: 5001 }),
        }),
      ],
    ]);
  });

  it('setTeams and setOrgs announce each membership they remove', async () => {
    stub.setTeams('mona', [{ org: 'acme', slug: 'docs' }]);
    stub.setOrgs('hubot', []);
    // Deliveries travel concurrently, so the receiver may see them in either order (as on GitHub).
    const events = new Map(await received());
    expect([...events.keys()].sort()).toEqual(['membership', 'organization']);
    expect(events.get('membership')).toMatchObject({
      action: 'removed',
      member: { login: 'mona' },
      team: { slug: 'core' },
    });
    expect(events.get('organization')).toMatchObject({
      action: 'member_removed',
      membership: { user: { login: 'hubot' } },
    });
    // The stand-in's own record keeps the order the events happened in.
    expect(stub.webhookDeliveries().map((d) => d.event)).toEqual(['membership', 'organization']);
  });

  it('a receiver that is down is recorded, never thrown into the control', async () => {
    await receiver.close();
    const token = await signInToken(stub);
    expect(() => stub.revokeToken(token)).not.toThrow();
    await stub.flushWebhooks();
    const [delivery] = stub.webhookDeliveries();
    expect(delivery).toMatchObject({ event: 'github_app_authorization', state: 'done', status: null });
    expect(delivery?.error).toEqual(expect.any(String));
  });

  it('without a webhook URL nothing is sent', async () => {
    stub.setWebhook({});
    stub.revokeToken(await signInToken(stub));
    stub.setOrgMembership('hubot', 'acme', false);
    expect(await received()).toEqual([]);
    expect(stub.webhookDeliveries()).toEqual([]);
  });
});
