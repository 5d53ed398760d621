import type { StubUser } from '../types.ts';

/** The subset of GitHub's user object the stand-in serves. */
export function userJson(user: StubUser, stubUrl: string) {
  return {
    login: user.login,
    id: user.id,
    avatar_url: `${stubUrl}/avatars/${user.login}.svg`,
    html_url: `${stubUrl}/${user.login}`,
    type: 'User' as const,
    name: user.name,
    // GitHub shows only the public profile email here; private ones need /user/emails.
    email: user.publicEmail,
  };
}
