import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { addNote, deleteNote, fetchNotes, watchNotes, type Note } from '../api/notes-client';

type NotesState =
  { status: 'loading' } | { status: 'absent' } | { status: 'failed' } | { status: 'ready'; notes: Note[] };

/**
 * "Your notes": the example backend behind the BFF. Kept in step with every other tab and
 * device over a WebSocket: when a note is added or deleted anywhere, the list is read again.
 * Hidden when this BFF has no notes backend.
 */
export function NotesCard({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [state, setState] = useState<NotesState>({ status: 'loading' });
  const [draft, setDraft] = useState('');
  const [saving, setSaving] = useState(false);

  const reload = useCallback(() => {
    void fetchNotes().then((result) =>
      setState(result.kind === 'ready' ? { status: 'ready', notes: result.notes } : { status: result.kind }),
    );
  }, []);

  useEffect(() => {
    reload();
  }, [reload]);

  const live = state.status === 'ready';
  useEffect(() => (live ? watchNotes(reload, onSessionEnded) : undefined), [live, reload, onSessionEnded]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (text === '' || saving) return;
    setSaving(true);
    const note = await addNote(text);
    setSaving(false);
    if (!note) {
      setState({ status: 'failed' });
      return;
    }
    setDraft('');
    reload();
  }

  async function remove(id: string) {
    if (await deleteNote(id)) reload();
  }

  if (state.status === 'absent') return null;
  return (
    <section className="card notes" aria-labelledby="notes-heading" aria-busy={state.status === 'loading'}>
      <h2 id="notes-heading">Your notes</h2>
      {state.status === 'failed' ? (
        <p className="error-text">
          Your notes could not be loaded.{' '}
          <button type="button" className="button" onClick={reload}>
            Try again
          </button>
        </p>
      ) : null}
      <form className="note-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor="new-note">New note</label>
        <input id="new-note" value={draft} maxLength={1000} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button" disabled={saving || draft.trim() === ''}>
          Add note
        </button>
      </form>
      {state.status === 'ready' && state.notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      {state.status === 'ready' && state.notes.length > 0 ? (
        <ul className="note-list">
          {state.notes.map((note) => (
            <li key={note.id} className="note-item">
              <span>{note.text}</span>
              <button
                type="button"
                className="button"
                onClick={() => void remove(note.id)}
                aria-label={`Delete note: ${note.text}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
