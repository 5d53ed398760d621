export interface StubOrg {
  login: string;
  id: number;
  /** The org enforces SAML single sign-on: tokens need an SSO authorization for it. */
  ssoEnforced: boolean;
}

/** The orgs with fixed ids; any other org name (made by a control) gets a generated id. */
export const STUB_ORGS: readonly StubOrg[] = Object.freeze(
  [
    { login: 'acme', id: 5001, ssoEnforced: false },
    { login: 'other-org', id: 5002, ssoEnforced: false },
    { login: 'sso-corp', id: 5003, ssoEnforced: true },
  ].map((org) => Object.freeze(org)),
);

const TEAM_IDS: Readonly<Record<string, number>> = { 'acme/core': 6001, 'sso-corp/platform': 6002 };

/**
 * A stable id for a name no table lists (FNV-1a): the same in every stub and after reset(),
 * far above the fixed ids.
 */
function generatedId(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 10_000_000 + (hash % 90_000_000);
}

/** Org logins are case-insensitive on GitHub. */
export function findOrg(login: string): StubOrg {
  const wanted = login.toLowerCase();
  return (
    STUB_ORGS.find((org) => org.login === wanted) ?? { login: wanted, id: generatedId(wanted), ssoEnforced: false }
  );
}

export function teamId(org: string, slug: string): number {
  const key = `${org.toLowerCase()}/${slug.toLowerCase()}`;
  return TEAM_IDS[key] ?? generatedId(key);
}

/** The subset of GitHub's organization object the stand-in serves. */
export function orgJson(org: StubOrg, stubUrl: string) {
  return {
    login: org.login,
    id: org.id,
    node_id: `O_stub${org.id}`,
    url: `${stubUrl}/api/v3/orgs/${org.login}`,
    description: null,
  };
}

/** The subset of GitHub's team object the stand-in serves (name = slug). */
export function teamJson(orgLogin: string, slug: string, stubUrl: string) {
  const org = findOrg(orgLogin);
  const id = teamId(org.login, slug);
  return {
    id,
    node_id: `T_stub${id}`,
    name: slug,
    slug,
    url: `${stubUrl}/api/v3/organizations/${org.id}/team/${id}`,
    html_url: `${stubUrl}/orgs/${org.login}/teams/${slug}`,
    organization: orgJson(org, stubUrl),
  };
}
