/**
 * The notes of the example backend (apps/notes-api), reached through the BFF at `/api/notes/*`:
 * the page never talks to the backend itself, and never holds a token for it.
 */
import { callBff, isRecord, readJson } from './bff-client';

export interface Note {
  id: string;
  text: string;
  createdAt: string;
}

/** `unavailable`: no notes backend behind this BFF (404), or it failed; the card hides or says so. */
export type NotesResult = { kind: 'ready'; notes: Note[] } | { kind: 'absent' } | { kind: 'failed' };

function isNote(value: unknown): value is Note {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.text === 'string' &&
    typeof value.createdAt === 'string'
  );
}

/** `GET /api/notes/notes`: this user's notes, newest first. */
export async function fetchNotes(): Promise<NotesResult> {
  const response = await callBff('/api/notes/notes');
  if (response?.status === 404) return { kind: 'absent' };
  if (response?.status !== 200) return { kind: 'failed' };
  const body = await readJson(response);
  if (!isRecord(body) || !Array.isArray(body.notes) || !body.notes.every(isNote)) return { kind: 'failed' };
  return { kind: 'ready', notes: body.notes };
}

/** `POST /api/notes/notes`: the new note, or undefined when it was not kept. */
export async function addNote(text: string): Promise<Note | undefined> {
  const response = await callBff('/api/notes/notes', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  if (response?.status !== 201) return undefined;
  const body = await readJson(response);
  return isNote(body) ? body : undefined;
}

/** `DELETE /api/notes/notes/:id`: true once it is gone (a 404 means it already was). */
export async function deleteNote(id: string): Promise<boolean> {
  const response = await callBff(`/api/notes/notes/${encodeURIComponent(id)}`, { method: 'DELETE' });
  return response !== undefined && (response.status === 204 || response.status === 404);
}

/**
 * Live updates: a WebSocket to `/api/notes/events` (same origin; the BFF checks the Origin and
 * the session, and closes it when the session ends). Calls `onChange` for every "notes-changed";
 * reconnects with a growing pause unless the session ended (close code 4001) or `stop` was called.
 */
export function watchNotes(onChange: () => void, onSessionEnded: () => void): () => void {
  let socket: WebSocket | undefined;
  let stopped = false;
  let pause = 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    const url = new URL('/api/notes/events', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url.href);
    let opened = false;
    socket.onopen = () => {
      opened = true;
      pause = 1000;
      // What changed while no socket was open (before the first one, between reconnects) was
      // never announced: read the list again once the socket listens.
      onChange();
    };
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data === 'string' && event.data.includes('notes-changed')) onChange();
    };
    socket.onclose = (event: CloseEvent) => {
      if (stopped) return;
      if (event.code === 4001) {
        onSessionEnded();
        return;
      }
      // A refused handshake looks the same as a network error to a page (no status): it may be
      // a session that ended while the socket was down, so the session is asked again too.
      if (!opened) onSessionEnded();
      timer = setTimeout(connect, pause);
      pause = Math.min(pause * 2, 30_000);
    };
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close();
  };
}
