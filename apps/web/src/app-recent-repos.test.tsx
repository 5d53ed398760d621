import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { RecentRepos } from './components/recent-repos';
import {
  callsOf,
  deferred,
  expectCsrfOnEveryCall,
  meta,
  signedIn,
  stubBff,
  unauthenticated,
  type StubAnswer,
} from './test/bff-stub';

const REPOS = 'GET /api/github/user/repos';

/** A repository as GitHub's REST API returns it (only the fields the page reads, plus noise). */
function githubRepo(name: string, overrides: Record<string, unknown> = {}) {
  return {
    id: 1,
    name,
    full_name: `octocat/${name}`,
    html_url: `https://github.com/octocat/${name}`,
    description: `About ${name}`,
    private: false,
    updated_at: '2030-01-02T10:00:00Z',
    language: 'TypeScript',
    stargazers_count: 42,
    owner: { login: 'octocat' },
    ...overrides,
  };
}

const ok = (body: unknown): StubAnswer => ({ status: 200, body });
const section = () => screen.getByRole('region', { name: 'Recent repositories' });

describe('Recent repositories', () => {
  it('asks the BFF for the five most recently updated, with X-CSRF, and says it is loading meanwhile', async () => {
    const answer = deferred<StubAnswer>();
    const fetchMock = stubBff({ [REPOS]: () => answer.promise });
    render(<RecentRepos />);

    expect(within(section()).getByText('Loading your repositories…')).toBeInTheDocument();
    expect(section()).toHaveAttribute('aria-busy', 'true');
    await act(async () => answer.resolve(ok([githubRepo('hello-world')])));

    expect(callsOf(fetchMock)).toEqual(['GET /api/github/user/repos?sort=updated&per_page=5']);
    expectCsrfOnEveryCall(fetchMock);
    expect(section()).toHaveAttribute('aria-busy', 'false');
    expect(screen.queryByText('Loading your repositories…')).not.toBeInTheDocument();
  });

  it('lists each repository as a same-tab link to GitHub with rel="noreferrer"', async () => {
    stubBff({
      [REPOS]: ok([
        githubRepo('hello-world'),
        githubRepo('secret-plans', { private: true, description: null, language: null, stargazers_count: 1 }),
      ]),
    });
    render(<RecentRepos />);

    const link = await screen.findByRole('link', { name: 'octocat/hello-world' });
    expect(link).toHaveAttribute('href', 'https://github.com/octocat/hello-world');
    expect(link).toHaveAttribute('rel', 'noreferrer');
    expect(link).not.toHaveAttribute('target');
    const items = within(section()).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('About hello-world');
    expect(items[0]).toHaveTextContent('TypeScript · 42 stars · Updated');
    expect(items[1]).toHaveTextContent('Private');
    expect(items[1]).toHaveTextContent('1 star · Updated');
    expect(items[1]?.querySelector('time')).toHaveAttribute('datetime', '2030-01-02T10:00:00Z');
  });

  it('shows an empty state when the user has no repositories', async () => {
    stubBff({ [REPOS]: ok([]) });
    render(<RecentRepos />);
    expect(await within(section()).findByText('No repositories yet.')).toBeInTheDocument();
    expect(within(section()).queryByRole('list')).not.toBeInTheDocument();
  });

  it('shows an error with a retry when GitHub is rate limited or down, and recovers', async () => {
    const routes = { [REPOS]: { status: 503, body: { error: 'github_rate_limited' } } as StubAnswer };
    const fetchMock = stubBff(routes);
    render(<RecentRepos />);

    expect(await screen.findByText(/Could not load your repositories from GitHub/)).toBeInTheDocument();
    routes[REPOS] = ok([githubRepo('hello-world')]);
    await userEvent.click(within(section()).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('link', { name: 'octocat/hello-world' })).toBeInTheDocument();
    expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('treats a body that is not a list as a failure, and skips entries it cannot read or link safely', async () => {
    const routes: Record<string, StubAnswer> = { [REPOS]: ok({ message: 'Not a list' }) };
    stubBff(routes);
    const { unmount } = render(<RecentRepos />);
    expect(await screen.findByText(/Could not load your repositories/)).toBeInTheDocument();
    unmount();

    routes[REPOS] = ok([
      githubRepo('evil', { html_url: 'javascript:alert(1)' }),
      githubRepo('broken', { stargazers_count: '42' }),
      githubRepo('fine'),
    ]);
    render(<RecentRepos />);
    await screen.findByRole('link', { name: 'octocat/fine' });
    expect(within(section()).getAllByRole('link')).toHaveLength(1);
  });
});

describe('the signed-in page', () => {
  it('shows the repositories after the welcome', async () => {
    stubBff({ 'GET /api/me': signedIn(), 'GET /api/meta': meta(false), [REPOS]: ok([githubRepo('hello-world')]) });
    render(<App />);
    const welcome = await screen.findByRole('heading', { level: 1, name: /Welcome/ });
    const repos = await screen.findByRole('heading', { level: 2, name: 'Recent repositories' });
    expect(welcome.compareDocumentPosition(repos) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'octocat/hello-world' })).toBeInTheDocument();
  });

  it('signs the page out when the repositories call finds the session gone (401)', async () => {
    stubBff({ 'GET /api/me': signedIn(), 'GET /api/meta': meta(false), [REPOS]: unauthenticated });
    render(<App />);
    expect(await screen.findByRole('button', { name: 'Sign in with GitHub' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Recent repositories' })).not.toBeInTheDocument();
  });
});
