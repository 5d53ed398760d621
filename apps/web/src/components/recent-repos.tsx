import { useEffect, useState } from 'react';
import { fetchRecentRepos, type RecentRepo } from '../api/bff-client';

type ReposState = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; repos: RecentRepo[] };

const toReposState = (repos: RecentRepo[] | undefined): ReposState =>
  repos ? { status: 'ready', repos } : { status: 'failed' };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * The user's most recently updated repositories, read from GitHub through the BFF. Fetched
 * after the welcome is shown, so a slow or failing GitHub never holds up the page.
 */
export function RecentRepos() {
  const [state, setState] = useState<ReposState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let mounted = true;
    void fetchRecentRepos().then((repos) => {
      if (mounted) setState(toReposState(repos));
    });
    return () => {
      mounted = false;
    };
  }, [attempt]);

  function retry() {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }

  return (
    <section className="card repos" aria-labelledby="repos-heading" aria-busy={state.status === 'loading'}>
      <h2 id="repos-heading">Recent repositories</h2>
      {state.status === 'loading' ? <p className="muted">Loading your repositories…</p> : null}
      {state.status === 'failed' ? (
        <p className="error-text">
          Could not load your repositories from GitHub.{' '}
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </p>
      ) : null}
      {state.status === 'ready' && state.repos.length === 0 ? <p className="muted">No repositories yet.</p> : null}
      {state.status === 'ready' && state.repos.length > 0 ? (
        <ul className="repo-list">
          {state.repos.map((repo) => (
            <li key={repo.fullName} className="repo-item">
              <a href={repo.htmlUrl} rel="noreferrer">
                {repo.fullName}
              </a>
              {repo.private ? <span className="repo-private">Private</span> : null}
              {repo.description === null ? null : <p>{repo.description}</p>}
              <p className="muted">
                {repo.language === null ? null : <>{repo.language} · </>}
                {repo.stars} {repo.stars === 1 ? 'star' : 'stars'} · Updated{' '}
                <time dateTime={repo.updatedAt}>{formatDate(repo.updatedAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}
