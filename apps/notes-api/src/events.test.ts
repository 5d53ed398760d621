import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NOTES_CHANGED } from './events-hub.ts';
import { postNote, startHarness, type Harness } from './testing/harness.ts';
import { createSigningKey, signToken, bffClaims } from './testing/keys.ts';
import { closeSocket, openSocket, refusedUpgrade } from './testing/sockets.ts';

let h: Harness;
let eventsUrl: string;
beforeAll(async () => {
  h = await startHarness();
  eventsUrl = `${h.api.url.replace(/^http/, 'ws')}/events`;
});
afterAll(() => h.close());

describe('GET /events (WebSocket)', () => {
  it("sends notes-changed to all of the user's sockets on create and delete, and to no other user", async () => {
    const alice = await h.token('701');
    const bob = await h.token('702');
    const [a1, a2, b1] = await Promise.all([
      openSocket(eventsUrl, alice),
      openSocket(eventsUrl, alice),
      openSocket(eventsUrl, bob),
    ]);
    expect(h.api.openSocketCount()).toBe(3);

    const created = await postNote(h, alice, 'hello');
    expect(created.status).toBe(201);
    await vi.waitFor(() => {
      expect(a1.messages).toEqual([NOTES_CHANGED]);
      expect(a2.messages).toEqual([NOTES_CHANGED]);
    });
    expect(JSON.parse(NOTES_CHANGED)).toEqual({ type: 'notes-changed' });

    // Bob's own change reaches Bob: had Alice's reached him, it would have arrived first.
    await postNote(h, bob, 'bob');
    await vi.waitFor(() => expect(b1.messages).toHaveLength(1));
    expect(a1.messages).toHaveLength(1);

    const { id } = (await created.json()) as { id: string };
    expect((await h.request(`/notes/${id}`, bob, { method: 'DELETE' })).status).toBe(404);
    expect((await h.request(`/notes/${id}`, alice, { method: 'DELETE' })).status).toBe(204);
    await vi.waitFor(() => expect(a2.messages).toEqual([NOTES_CHANGED, NOTES_CHANGED]));
    // The refused delete notified no one.
    expect(a1.messages).toHaveLength(2);
    expect(b1.messages).toHaveLength(1);

    await Promise.all([a1, a2, b1].map((s) => closeSocket(s.ws)));
    await vi.waitFor(() => expect(h.api.openSocketCount()).toBe(0));
  });

  it.each([
    ['without a token', {}, 'Bearer'],
    ['with a garbage token', { Authorization: 'Bearer garbage' }, 'Bearer error="invalid_token"'],
  ])('refuses an upgrade %s with 401 and opens no socket', async (_label, headers, challenge) => {
    const refused = await refusedUpgrade(eventsUrl, headers);
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe(challenge);
    expect(JSON.parse(refused.body)).toEqual({ error: 'unauthenticated' });
    expect(refused.opened).toBe(false);
    expect(h.api.openSocketCount()).toBe(0);
  });

  it('refuses an upgrade with a forged token (valid shape, another key) with 401', async () => {
    const attacker = await createSigningKey();
    const forged = await signToken(attacker, bffClaims('703', h.clock.ms, 'http://bff.test'), h.key.kid);
    const refused = await refusedUpgrade(eventsUrl, { Authorization: `Bearer ${forged}` });
    expect(refused.status).toBe(401);
    expect(refused.opened).toBe(false);
    expect(h.api.openSocketCount()).toBe(0);
  });

  it('answers an upgrade of any other path with 404', async () => {
    const token = await h.token('704');
    const refused = await refusedUpgrade(`${h.api.url.replace(/^http/, 'ws')}/notes`, {
      Authorization: `Bearer ${token}`,
    });
    expect(refused.status).toBe(404);
    expect(JSON.parse(refused.body)).toEqual({ error: 'not_found' });
    expect(h.api.openSocketCount()).toBe(0);
  });
});
