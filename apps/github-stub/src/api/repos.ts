export interface StubRepo {
  id: number;
  name: string;
  description: string | null;
  private: boolean;
  updated_at: string;
  stargazers_count: number;
  language: string | null;
  /** An org that owns the repository (the user is a member); the user by default. */
  org?: string;
}

const REPOS_BY_LOGIN: Readonly<Record<string, readonly StubRepo[]>> = {
  mona: [
    repo(2001, 'hello-world', 'My first repository.', false, '2024-05-02T10:00:00Z', 42, 'TypeScript'),
    repo(2002, 'dotfiles', null, false, '2024-06-11T08:30:00Z', 3, 'Shell'),
    repo(2003, 'secret-plans', 'Private: listed only with the repo scope.', true, '2024-07-20T16:45:00Z', 0, null),
    repo(2004, 'spoon-knife', 'A fork to practise on.', false, '2023-11-01T12:00:00Z', 7, 'HTML'),
  ],
  hubot: [
    repo(2101, 'scripts', 'Chat-ops scripts.', false, '2024-03-15T09:00:00Z', 12, 'CoffeeScript'),
    repo(2102, 'brain', null, true, '2024-08-01T07:00:00Z', 0, 'JavaScript'),
  ],
  nameless: [repo(2201, 'untitled', null, false, '2022-01-01T00:00:00Z', 0, null)],
  sam: [
    repo(2301, 'notes', 'Personal notes.', false, '2024-02-01T10:00:00Z', 1, 'Markdown'),
    {
      ...repo(2302, 'handbook', 'Owned by sso-corp (SAML SSO).', false, '2024-09-01T10:00:00Z', 5, null),
      org: 'sso-corp',
    },
  ],
};

function repo(
  id: number,
  name: string,
  description: string | null,
  isPrivate: boolean,
  updatedAt: string,
  stars: number,
  language: string | null,
): StubRepo {
  return { id, name, description, private: isPrivate, updated_at: updatedAt, stargazers_count: stars, language };
}

export function reposOf(login: string): readonly StubRepo[] {
  return REPOS_BY_LOGIN[login] ?? [];
}
