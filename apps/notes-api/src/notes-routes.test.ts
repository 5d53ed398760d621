import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postNote, startHarness, type Harness } from './testing/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

interface NoteJson {
  id: string;
  text: string;
  createdAt: string;
}

async function listNotes(token: string): Promise<NoteJson[]> {
  const res = await h.request('/notes', token);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { notes: NoteJson[] };
  return body.notes;
}

describe('notes routes with a valid token', () => {
  it('creates, lists newest first, and deletes', async () => {
    const token = await h.token('101');
    expect(await listNotes(token)).toEqual([]);

    const first = await postNote(h, token, '  first note  ');
    expect(first.status).toBe(201);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    const created = (await first.json()) as NoteJson;
    expect(created).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      text: 'first note',
      createdAt: new Date(h.clock.ms).toISOString(),
    });

    h.clock.ms += 1000;
    const second = (await (await postNote(h, token, 'second')).json()) as NoteJson;
    // Same millisecond: the later insert still comes first.
    const third = (await (await postNote(h, token, 'third')).json()) as NoteJson;
    expect((await listNotes(token)).map((n) => n.text)).toEqual(['third', 'second', 'first note']);

    const deleted = await h.request(`/notes/${second.id}`, token, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('cache-control')).toBe('no-store');
    expect((await listNotes(token)).map((n) => n.id)).toEqual([third.id, created.id]);

    const again = await h.request(`/notes/${second.id}`, token, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: 'not_found' });
  });

  it('keeps users apart: lists do not mix and another user cannot delete', async () => {
    const alice = await h.token('201');
    const bob = await h.token('202');
    const aliceNote = (await (await postNote(h, alice, 'alice secret')).json()) as NoteJson;
    await postNote(h, bob, 'bob note');

    expect((await listNotes(alice)).map((n) => n.text)).toEqual(['alice secret']);
    expect((await listNotes(bob)).map((n) => n.text)).toEqual(['bob note']);

    const stolen = await h.request(`/notes/${aliceNote.id}`, bob, { method: 'DELETE' });
    expect(stolen.status).toBe(404);
    expect(await stolen.json()).toEqual({ error: 'not_found' });
    expect((await listNotes(alice)).map((n) => n.id)).toEqual([aliceNote.id]);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   \n\t '],
    ['too long', 'x'.repeat(1001)],
    ['not a string', 42],
    ['missing', undefined],
  ])('refuses text that is %s with 400', async (_label, text) => {
    const token = await h.token('301');
    const res = await postNote(h, token, text);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'bad_request' });
    expect(await listNotes(token)).toEqual([]);
  });

  it('accepts exactly 1000 characters (after trimming), emoji counted once', async () => {
    const token = await h.token('302');
    const text = '😀'.repeat(1000);
    const res = await postNote(h, token, ` ${text} `);
    expect(res.status).toBe(201);
    expect(((await res.json()) as NoteJson).text).toBe(text);
  });

  it('refuses unparsable JSON with 400 and a non-JSON body with 415', async () => {
    const token = await h.token('303');
    const json = { 'Content-Type': 'application/json' };
    const broken = await h.request('/notes', token, { method: 'POST', headers: json, body: '{"text":' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: 'bad_request' });
    const form = await h.request('/notes', token, { method: 'POST', body: new URLSearchParams({ text: 'hi' }) });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual({ error: 'unsupported_media_type' });
  });

  it('refuses a body over 16 kB with 413, declared or streamed', async () => {
    const token = await h.token('304');
    const big = JSON.stringify({ text: 'a', pad: 'x'.repeat(17 * 1024) });
    const declared = await h.request('/notes', token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: 'payload_too_large' });

    // No Content-Length: the limit is enforced while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await h.request('/notes', token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await listNotes(token)).toEqual([]);
  });

  it('answers 404 JSON to unknown paths and methods, and 404 to a malformed id', async () => {
    const token = await h.token('305');
    for (const [path, method] of [
      ['/nope', 'GET'],
      ['/notes', 'PUT'],
      ['/notes/x/y', 'GET'],
      ['/notes/not-an-id', 'DELETE'],
    ] as const) {
      const res = await h.request(path, token, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json()).toEqual({ error: 'not_found' });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers /healthz without a token', async () => {
    const res = await h.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
