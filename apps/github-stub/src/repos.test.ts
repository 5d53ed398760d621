import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStub, type GitHubStub } from './index.ts';
import { callApi, CALLBACK, signInToken } from './test-helpers.ts';

let stub: GitHubStub;
beforeEach(async () => {
  stub = await startGitHubStub({ callbackUrl: CALLBACK });
});
afterEach(() => stub.close());

interface Repo {
  name: string;
  full_name: string;
  private: boolean;
  updated_at: string;
}

describe('GET /api/v3/user/repos', () => {
  it('lists public repos sorted by updated, limited by per_page', async () => {
    const token = await signInToken(stub, { scope: 'read:user' });
    const response = await callApi(stub, '/user/repos?sort=updated&per_page=2', token);
    expect(response.status).toBe(200);
    const repos = (await response.json()) as Repo[];
    expect(repos.map((repo) => repo.full_name)).toEqual(['mona/dotfiles', 'mona/hello-world']);
    expect(repos[0]).toMatchObject({
      id: 2002,
      html_url: `${stub.url}/mona/dotfiles`,
      description: null,
      private: false,
      stargazers_count: 3,
      language: 'Shell',
    });
  });

  it('includes private repos only with the repo scope', async () => {
    const token = await signInToken(stub, { scope: 'repo' });
    const repos = (await (await callApi(stub, '/user/repos?sort=updated', token)).json()) as Repo[];
    expect(repos.map((repo) => repo.name)).toEqual(['secret-plans', 'dotfiles', 'hello-world', 'spoon-knife']);
  });

  it('answers 304 with no body when If-None-Match matches the ETag', async () => {
    const token = await signInToken(stub);
    const first = await callApi(stub, '/user/repos?sort=updated&per_page=5', token);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    const again = await callApi(stub, '/user/repos?sort=updated&per_page=5', token, {
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Conditional requests answered 304 do not count against the rate limit.
    expect(again.headers.get('x-ratelimit-remaining')).toBe(first.headers.get('x-ratelimit-remaining'));
    const other = await callApi(stub, '/user/repos?sort=updated&per_page=1', token, {
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(other.status).toBe(200);
  });

  it('is 422 for a bad sort or page', async () => {
    const token = await signInToken(stub);
    expect((await callApi(stub, '/user/repos?sort=stars', token)).status).toBe(422);
    expect((await callApi(stub, '/user/repos?page=0', token)).status).toBe(422);
  });
});
