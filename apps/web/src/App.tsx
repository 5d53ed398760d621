import { useEffect, useState } from 'react';
import { readAuthError, removeAuthErrorFromUrl } from './auth-errors';
import { AuthErrorBanner } from './components/auth-error-banner';
import { DemoBadge } from './components/demo-badge';
import { Loading } from './components/loading';
import { SessionEndedBanner } from './components/session-ended-banner';
import { NotesCard } from './components/notes-card';
import { RecentRepos } from './components/recent-repos';
import { SessionsList } from './components/sessions-list';
import { SignedOut } from './components/signed-out';
import { Unavailable } from './components/unavailable';
import { Welcome } from './components/welcome';
import { useMeta } from './use-meta';
import { useSession } from './use-session';

export function App() {
  const session = useSession();
  const meta = useMeta();
  // Reading the URL is pure; removing the parameter happens once, in the effect below.
  const [authError, setAuthError] = useState(() => readAuthError(window.location.search));

  useEffect(removeAuthErrorFromUrl, []);

  const { state } = session;
  return (
    <>
      {meta?.demo === true ? (
        <header className="site-header">
          <DemoBadge />
        </header>
      ) : null}
      <main className="page" aria-busy={state.status === 'loading'}>
        {authError === undefined ? null : (
          <AuthErrorBanner error={authError} githubHost={meta?.githubHost} onDismiss={() => setAuthError(undefined)} />
        )}
        {state.status === 'signed-out' && state.ended !== undefined ? (
          <SessionEndedBanner ended={state.ended} githubHost={meta?.githubHost} />
        ) : null}
        {state.status === 'loading' ? <Loading /> : null}
        {state.status === 'signed-out' ? <SignedOut githubHost={meta?.githubHost} focusHeading={state.byUser} /> : null}
        {state.status === 'unavailable' ? <Unavailable retryAfter={state.retryAfter} onRetry={session.retry} /> : null}
        {state.status === 'signed-in' ? (
          <>
            <Welcome me={state.me} onSignOut={session.signOut} />
            <RecentRepos />
            <NotesCard onSessionEnded={session.refresh} />
            <SessionsList />
          </>
        ) : null}
      </main>
    </>
  );
}
