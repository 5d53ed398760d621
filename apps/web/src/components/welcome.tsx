import type { MeResponse } from '@github-bff/bff/contract';
import { useState } from 'react';
import { SessionExpiry } from './session-expiry';

interface WelcomeProps {
  me: MeResponse;
  onSignOut: (options?: { disconnect?: boolean }) => Promise<'signed-out' | 'failed'>;
}

/** GitHub shows the login when a user has no profile name; so do we. */
function displayName(me: MeResponse): string {
  return me.name !== null && me.name.trim() !== '' ? me.name : me.login;
}

export function Welcome({ me, onSignOut }: WelcomeProps) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  const name = displayName(me);

  async function signOut(disconnect = false) {
    setPending(true);
    setFailed(false);
    const result = await onSignOut({ disconnect });
    // On success this component is already gone; only a failure needs the button back.
    if (result === 'failed') {
      setPending(false);
      setFailed(true);
    }
  }

  return (
    <section className="card profile" aria-labelledby="welcome-heading">
      <img
        className="avatar"
        data-testid="user-avatar"
        src={me.avatarUrl}
        alt={`GitHub avatar of ${me.login}`}
        width="72"
        height="72"
        referrerPolicy="no-referrer"
      />
      <div className="profile-text">
        <h1 id="welcome-heading">
          Welcome, <span data-testid="user-name">{name}</span>
        </h1>
        <p className={me.email === null ? 'muted' : undefined} data-testid="user-email">
          {me.email ?? 'No public email'}
        </p>
        <SessionExpiry expiresAt={me.session.expiresAt} />
      </div>
      <div className="profile-actions">
        <button type="button" className="button" onClick={() => void signOut()} disabled={pending}>
          {pending ? 'Signing out…' : 'Sign out'}
        </button>
        <button
          type="button"
          className="button-link"
          onClick={() => void signOut(true)}
          disabled={pending}
          aria-describedby="disconnect-help"
        >
          Disconnect from GitHub
        </button>
        <p id="disconnect-help" className="muted small">
          Signs you out on every device and removes this app’s access to your GitHub account.
        </p>
        {failed ? (
          <p role="alert" className="error-text">
            Could not sign out. Check your connection and try again.
          </p>
        ) : null}
      </div>
    </section>
  );
}
