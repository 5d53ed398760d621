import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotesCard } from './components/notes-card';
import { callsOf, expectCsrfOnEveryCall, stubBff, type StubAnswer } from './test/bff-stub';

/** The browser's WebSocket, as the card uses it: the test plays the BFF's side. */
class FakeSocket {
  static opened: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  closed = false;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
    FakeSocket.opened.push(this);
  }
  close() {
    this.closed = true;
  }
}

beforeEach(() => {
  FakeSocket.opened = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => vi.useRealTimers());

const note = (id: string, text: string) => ({ id, text, createdAt: '2030-01-01T10:00:00.000Z' });
const list = (...notes: ReturnType<typeof note>[]): StubAnswer => ({ status: 200, body: { notes } });
const card = () => screen.getByRole('region', { name: 'Your notes' });

describe('Your notes', () => {
  it('lists the notes from /api/notes/notes and opens the live-updates socket on this origin', async () => {
    const fetchMock = stubBff({ 'GET /api/notes/notes': list(note('1', 'buy milk'), note('2', 'call mum')) });
    render(<NotesCard onSessionEnded={() => {}} />);
    expect(await within(card()).findByText('buy milk')).toBeInTheDocument();
    expect(within(card()).getByText('call mum')).toBeInTheDocument();
    expect(FakeSocket.opened.map((s) => s.url)).toEqual(['ws://localhost:3000/api/notes/events']);
    expectCsrfOnEveryCall(fetchMock);
  });

  it('adds a note with POST (JSON, X-CSRF) and shows the list read again', async () => {
    const routes = {
      'GET /api/notes/notes': list(),
      'POST /api/notes/notes': { status: 201, body: note('3', 'new one') } as StubAnswer,
    };
    const fetchMock = stubBff(routes);
    render(<NotesCard onSessionEnded={() => {}} />);
    await within(card()).findByText('No notes yet.');
    routes['GET /api/notes/notes'] = list(note('3', 'new one'));
    await userEvent.type(screen.getByLabelText('New note'), '  new one  ');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await within(card()).findByText('new one')).toBeInTheDocument();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(post?.[1]?.body).toBe(JSON.stringify({ text: 'new one' }));
    expect(new Headers(post?.[1]?.headers).get('Content-Type')).toBe('application/json');
    expect(screen.getByLabelText('New note')).toHaveValue('');
    expectCsrfOnEveryCall(fetchMock);
  });

  it('deletes a note by its id', async () => {
    const routes = {
      'GET /api/notes/notes': list(note('a/1', 'old')),
      'DELETE /api/notes/notes/a%2F1': { status: 204 },
    };
    const fetchMock = stubBff(routes);
    render(<NotesCard onSessionEnded={() => {}} />);
    await within(card()).findByText('old');
    routes['GET /api/notes/notes'] = list();
    await userEvent.click(screen.getByRole('button', { name: 'Delete note: old' }));
    expect(await within(card()).findByText('No notes yet.')).toBeInTheDocument();
    expect(callsOf(fetchMock)).toContain('DELETE /api/notes/notes/a%2F1');
  });

  it('reads the list again when another tab or device says notes changed', async () => {
    const routes = { 'GET /api/notes/notes': list() };
    stubBff(routes);
    render(<NotesCard onSessionEnded={() => {}} />);
    await within(card()).findByText('No notes yet.');
    routes['GET /api/notes/notes'] = list(note('9', 'from the other tab'));
    act(() => {
      FakeSocket.opened[0]?.onmessage?.({ data: '{"type":"notes-changed"}' });
    });
    expect(await within(card()).findByText('from the other tab')).toBeInTheDocument();
  });

  it('when the BFF closes the socket because the session ended, asks the page to check the session, and does not reconnect', async () => {
    stubBff({ 'GET /api/notes/notes': list() });
    const ended = vi.fn();
    render(<NotesCard onSessionEnded={ended} />);
    await within(card()).findByText('No notes yet.');
    vi.useFakeTimers();
    act(() => {
      FakeSocket.opened[0]?.onclose?.({ code: 4001 });
    });
    expect(ended).toHaveBeenCalledOnce();
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(FakeSocket.opened).toHaveLength(1);
  });

  it('reconnects after a dropped socket, waiting longer each time', async () => {
    stubBff({ 'GET /api/notes/notes': list() });
    render(<NotesCard onSessionEnded={() => {}} />);
    await within(card()).findByText('No notes yet.');
    vi.useFakeTimers();
    act(() => {
      FakeSocket.opened[0]?.onclose?.({ code: 1006 });
    });
    act(() => {
      vi.advanceTimersByTime(999);
    });
    expect(FakeSocket.opened).toHaveLength(1);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(FakeSocket.opened).toHaveLength(2);
    act(() => {
      FakeSocket.opened[1]?.onclose?.({ code: 1006 });
    });
    act(() => {
      vi.advanceTimersByTime(1999);
    });
    expect(FakeSocket.opened).toHaveLength(2);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(FakeSocket.opened).toHaveLength(3);
  });

  it('is not shown at all when this BFF has no notes backend (404)', async () => {
    const fetchMock = stubBff({ 'GET /api/notes/notes': { status: 404, body: { error: 'not_found' } } });
    const { container } = render(<NotesCard onSessionEnded={() => {}} />);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await vi.waitFor(() => expect(container).toBeEmptyDOMElement());
    expect(FakeSocket.opened).toEqual([]);
  });

  it('says so, with a way to try again, when the notes cannot be read', async () => {
    const routes: Record<string, StubAnswer> = {
      'GET /api/notes/notes': { status: 502, body: { error: 'upstream_unavailable' } },
    };
    stubBff(routes);
    render(<NotesCard onSessionEnded={() => {}} />);
    expect(await within(card()).findByText(/could not be loaded/)).toBeInTheDocument();
    routes['GET /api/notes/notes'] = list(note('1', 'back'));
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await within(card()).findByText('back')).toBeInTheDocument();
  });
});
