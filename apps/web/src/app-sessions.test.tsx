import type { SessionInfo } from '@github-bff/bff/contract';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { deferred, expectCsrfOnEveryCall, meta, signedIn, stubBff, type StubAnswer } from './test/bff-stub';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0';
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function session(id: string, userAgent: string | null, current: boolean, lastSeenMinutesAgo = 0): SessionInfo {
  return {
    id: id.repeat(43),
    createdAt: minutesAgo(90),
    lastSeenAt: minutesAgo(lastSeenMinutesAgo),
    userAgent,
    current,
  };
}

const THIS = session('a', CHROME_LINUX, true);
const FIREFOX = session('b', FIREFOX_WINDOWS, false, 5);
const UNKNOWN = session('c', null, false, 180);
const listOf = (...sessions: SessionInfo[]): StubAnswer => ({ status: 200, body: { sessions } });

/** The BFF's sessions, changed by the routes the test adds. */
function stubWith(sessions: SessionInfo[], extra: Record<string, () => StubAnswer> = {}) {
  const state = { sessions };
  const fetchMock = stubBff({
    'GET /api/me': signedIn(),
    'GET /api/meta': meta(false),
    'GET /api/sessions': () => listOf(...state.sessions),
    ...extra,
  });
  return { state, fetchMock };
}

const section = () => within(screen.getByRole('region', { name: 'Your sessions' }));
const items = async () => within(await screen.findByRole('list')).getAllByRole('listitem');

describe('your sessions', () => {
  it('says which sessions GitHub signed out for the ten-token limit', async () => {
    stubWith([THIS, { ...FIREFOX, signedOutByTokenLimit: true }]);
    render(<App />);
    const [current, firefox] = await items();
    expect(within(current!).queryByTestId('token-limit-note')).not.toBeInTheDocument();
    expect(within(firefox!).getByTestId('token-limit-note')).toHaveTextContent(
      'Signed out: you signed in on more than ten devices',
    );
  });

  it('lists every session, marks this device, and offers sign-out for the others only', async () => {
    stubWith([THIS, FIREFOX, UNKNOWN]);
    render(<App />);

    const [current, firefox, unknown] = await items();
    expect(current).toHaveTextContent('Chrome on Linux');
    expect(within(current!).getByText('This device')).toBeInTheDocument();
    expect(within(current!).getByTitle(CHROME_LINUX)).toHaveTextContent('Chrome on Linux');
    expect(within(current!).queryByRole('button')).not.toBeInTheDocument();
    expect(firefox).toHaveTextContent(/Firefox on Windows.*last seen 5 minutes ago/);
    expect(within(firefox!).queryByText('This device')).not.toBeInTheDocument();
    expect(unknown).toHaveTextContent(/Unknown device.*last seen 3 hours ago/);
    expect(
      section().getByRole('button', {
        name: /^Sign out session Firefox on Windows, last seen 5 minutes ago, signed in \S/,
      }),
    ).toBeInTheDocument();
    expect(
      section().getByRole('button', { name: /^Sign out session Unknown device, last seen 3 hours ago, signed in \S/ }),
    ).toBeInTheDocument();
    expect(section().getByRole('button', { name: 'Sign out other devices' })).toBeInTheDocument();
  });

  it('does not hold up the welcome while the list loads', async () => {
    const sessions = deferred<StubAnswer>();
    stubBff({ 'GET /api/me': signedIn(), 'GET /api/meta': meta(false), 'GET /api/sessions': () => sessions.promise });
    render(<App />);

    expect(await screen.findByTestId('user-name')).toHaveTextContent('The Octocat');
    expect(section().getByText('Loading your sessions…')).toBeInTheDocument();
    sessions.resolve(listOf(THIS));
    expect(await items()).toHaveLength(1);
  });

  it('offers no "Sign out other devices" when this is the only session', async () => {
    stubWith([THIS]);
    render(<App />);

    expect(await items()).toHaveLength(1);
    expect(section().queryByRole('button')).not.toBeInTheDocument();
  });

  it('signs out one session with DELETE and X-CSRF, then shows the refreshed list', async () => {
    const { state, fetchMock } = stubWith([THIS, FIREFOX, UNKNOWN], {
      [`DELETE /api/sessions/${FIREFOX.id}`]: () => {
        state.sessions = [THIS, UNKNOWN];
        return { status: 204 };
      },
    });
    render(<App />);

    await userEvent.click(await screen.findByRole('button', { name: /^Sign out session Firefox on Windows/ }));

    expect(await section().findByText('Signed out Firefox on Windows.')).toHaveAttribute('role', 'status');
    expect((await items()).map((item) => item.textContent)).toEqual([
      expect.stringContaining('Chrome on Linux'),
      expect.stringContaining('Unknown device'),
    ]);
    const deletes = fetchMock.mock.calls.filter(([, init]) => init?.method === 'DELETE');
    expect(deletes.map(([input]) => String(input))).toEqual([`/api/sessions/${FIREFOX.id}`]);
    expect(fetchMock.mock.calls.filter(([input]) => input === '/api/sessions')).toHaveLength(2);
    expectCsrfOnEveryCall(fetchMock);
    expect(section().getByRole('heading', { name: 'Your sessions' })).toHaveFocus();
  });

  it('signs out the other devices with one POST and X-CSRF, then shows this device alone', async () => {
    const { state, fetchMock } = stubWith([THIS, FIREFOX, UNKNOWN], {
      'POST /api/sessions/sign-out-others': () => {
        state.sessions = [THIS];
        return { status: 204 };
      },
    });
    render(<App />);

    await userEvent.click(await screen.findByRole('button', { name: 'Sign out other devices' }));

    expect(await section().findByText('Signed out all other devices.')).toHaveAttribute('role', 'status');
    expect(await items()).toHaveLength(1);
    expect(section().queryByRole('button', { name: 'Sign out other devices' })).not.toBeInTheDocument();
    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts.map(([input]) => String(input))).toEqual(['/api/sessions/sign-out-others']);
    expectCsrfOnEveryCall(fetchMock);
  });

  it('says so when a sign-out fails, and keeps the list', async () => {
    stubWith([THIS, FIREFOX], {
      'POST /api/sessions/sign-out-others': () => ({ status: 503, body: { error: 'session_store_unavailable' } }),
    });
    render(<App />);

    await userEvent.click(await screen.findByRole('button', { name: 'Sign out other devices' }));

    expect(await section().findByRole('alert')).toHaveTextContent('Could not sign out. Try again.');
    expect(await items()).toHaveLength(2);
    expect(screen.getByTestId('user-name')).toBeInTheDocument();
  });

  it('offers "Try again" when the list cannot be loaded', async () => {
    let fail = true;
    stubBff({
      'GET /api/me': signedIn(),
      'GET /api/meta': meta(false),
      'GET /api/sessions': () => (fail ? { status: 503 } : listOf(THIS)),
    });
    render(<App />);

    expect(await screen.findByText(/Could not load your sessions/)).toBeInTheDocument();
    fail = false;
    await userEvent.click(section().getByRole('button', { name: 'Try again' }));
    expect(await items()).toHaveLength(1);
  });
});
