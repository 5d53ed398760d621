import type { SessionInfo } from '@github-bff/bff/contract';
import { useEffect, useRef, useState } from 'react';
import { endSession, fetchSessions, signOutOtherSessions } from '../api/bff-client';
import { describeDevice, formatDate, formatRelative } from '../session-labels';

/** `now`: when the list arrived; "last seen 5 minutes ago" counts from there. */
type ListState =
  { status: 'loading' } | { status: 'failed' } | { status: 'ready'; sessions: SessionInfo[]; now: number };
type Notice = { kind: 'status' | 'alert'; text: string } | undefined;

const toListState = (sessions: SessionInfo[] | undefined): ListState =>
  sessions ? { status: 'ready', sessions, now: Date.now() } : { status: 'failed' };

/**
 * "Your sessions": every browser signed in as this user, with a way to end any other one.
 * Rendered once the page knows who is signed in and fetched after, so it never holds up
 * the welcome. A 401 on any call signs the whole page out (see bff-client), not just this list.
 */
export function SessionsList() {
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const heading = useRef<HTMLHeadingElement>(null);

  const load = async () => setState(toListState(await fetchSessions()));

  useEffect(() => {
    let mounted = true;
    void fetchSessions().then((sessions) => {
      if (mounted) setState(toListState(sessions));
    });
    return () => {
      mounted = false;
    };
  }, []);

  async function run(action: () => Promise<boolean>, done: string) {
    setBusy(true);
    setNotice(undefined);
    const ok = await action();
    await load();
    setBusy(false);
    setNotice(ok ? { kind: 'status', text: done } : { kind: 'alert', text: 'Could not sign out. Try again.' });
    // The button that had focus may be gone now: keep keyboard users in this section.
    heading.current?.focus();
  }

  function retry() {
    setState({ status: 'loading' });
    void load();
  }

  const others = state.status === 'ready' ? state.sessions.filter((s) => !s.current) : [];
  return (
    <section className="card sessions" aria-labelledby="sessions-heading" aria-busy={busy}>
      <h2 id="sessions-heading" ref={heading} tabIndex={-1}>
        Your sessions
      </h2>
      {state.status === 'loading' ? <p className="muted">Loading your sessions…</p> : null}
      {state.status === 'failed' ? (
        <p className="error-text">
          Could not load your sessions.{' '}
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </p>
      ) : null}
      {state.status === 'ready' ? (
        <ul className="session-list">
          {state.sessions.map((session) => {
            const device = describeDevice(session.userAgent);
            const lastSeen = formatRelative(session.lastSeenAt, state.now);
            const signedIn = formatDate(session.createdAt);
            return (
              <li key={session.id} className="session-item">
                <div>
                  <p className="session-device">
                    <span title={session.userAgent ?? undefined}>{device}</span>
                    {session.userAgent === null ? null : <span className="visually-hidden">, {session.userAgent}</span>}
                    {session.current ? <span className="session-badge">This device</span> : null}
                  </p>
                  <p className="muted small">
                    Signed in <time dateTime={session.createdAt}>{signedIn}</time>, last seen{' '}
                    <time dateTime={session.lastSeenAt}>{lastSeen}</time>
                  </p>
                  {session.signedOutByTokenLimit === true ? (
                    <p className="small" data-testid="token-limit-note">
                      Signed out: you signed in on more than ten devices, and GitHub keeps only the ten newest.
                    </p>
                  ) : null}
                </div>
                {session.current ? null : (
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    // The sign-in date tells apart two sessions of one browser, seen at about the same time.
                    aria-label={`Sign out session ${device}, last seen ${lastSeen}, signed in ${signedIn}`}
                    onClick={() => void run(() => endSession(session.id), `Signed out ${device}.`)}
                  >
                    Sign out
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      {others.length > 0 ? (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void run(signOutOtherSessions, 'Signed out all other devices.')}
        >
          Sign out other devices
        </button>
      ) : null}
      {/* Present from the start: a live region only announces changes it was already there for. */}
      <p role="status" className="muted small session-notice">
        {notice?.kind === 'status' ? notice.text : null}
      </p>
      {notice?.kind === 'alert' ? (
        <p role="alert" className="error-text">
          {notice.text}
        </p>
      ) : null}
    </section>
  );
}
