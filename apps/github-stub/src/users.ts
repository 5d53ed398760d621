import type { StubUser } from './types.ts';

/** Frozen all the way down: the users are shared by every stub in the process. */
function freezeUsers(users: StubUser[]): readonly StubUser[] {
  for (const user of users) {
    for (const email of user.emails) Object.freeze(email);
    Object.freeze(user.emails);
    Object.freeze(user);
  }
  return Object.freeze(users);
}

export const STUB_USERS: readonly StubUser[] = freezeUsers([
  {
    id: 1001,
    login: 'mona',
    name: 'Mona Lisa Octocat',
    publicEmail: 'mona@example.com',
    emails: [{ email: 'mona@example.com', primary: true, verified: true, visibility: 'public' }],
  },
  {
    id: 1002,
    login: 'hubot',
    name: 'Hubot',
    publicEmail: null,
    emails: [
      { email: 'hubot@private.example', primary: true, verified: true, visibility: 'private' },
      { email: 'hubot-old@example.com', primary: false, verified: true, visibility: null },
    ],
  },
  {
    id: 1003,
    login: 'nameless',
    name: null,
    publicEmail: null,
    emails: [{ email: 'nameless@example.com', primary: true, verified: true, visibility: 'private' }],
  },
  {
    id: 1004,
    login: 'unverified',
    name: 'Unverified User',
    publicEmail: null,
    emails: [{ email: 'unverified@example.com', primary: true, verified: false, visibility: 'private' }],
  },
  {
    // Member of sso-corp, which enforces SAML SSO; her app authorization is not SSO-authorized.
    id: 1005,
    login: 'sam',
    name: 'Sam Saml',
    publicEmail: null,
    emails: [{ email: 'sam@sso-corp.example', primary: true, verified: true, visibility: 'private' }],
  },
]);

/** Logins are case-insensitive on GitHub. */
export function findUser(login: string): StubUser | undefined {
  const wanted = login.toLowerCase();
  return STUB_USERS.find((user) => user.login === wanted);
}

export const DEFAULT_ORG_MEMBERSHIPS: readonly (readonly [login: string, org: string])[] = [
  ['mona', 'acme'],
  ['hubot', 'acme'],
  ['nameless', 'other-org'],
  ['sam', 'acme'],
  ['sam', 'sso-corp'],
];

export const DEFAULT_TEAM_MEMBERSHIPS: readonly (readonly [login: string, org: string, team: string])[] = [
  ['mona', 'acme', 'core'],
  ['sam', 'sso-corp', 'platform'],
];
