import { z } from 'zod';
import { BffError } from '../errors/index.ts';
import { throwUnlessOk, type GitHubApi } from './github-api.ts';
import { ssoWithheldOrgIds } from './github-sso.ts';

export interface GitHubMemberships {
  /** Organisation logins, lower-case. */
  readonly orgs: string[];
  /** `org/team-slug`, lower-case. */
  readonly teams: string[];
  /**
   * Ids of orgs GitHub left out of the lists because they enforce SAML SSO and the token is not
   * authorized for them (`X-GitHub-SSO: partial-results`): membership there is unknown, not absent.
   */
  readonly ssoWithheldOrgIds?: number[];
}

const Orgs = z.array(z.object({ login: z.string() }));
const Teams = z.array(z.object({ slug: z.string(), organization: z.object({ login: z.string() }) }));
/** 100 a page (GitHub's most); 30 pages is 3 000 teams, more than anyone is in. */
const MAX_PAGES = 30;

/**
 * Every organisation and team of the token's user (needs `read:org`), all pages: GitHub pages
 * lists at 100 and says where the next page is in `Link` (RFC 8288), which is followed, on the
 * API's own origin only.
 * https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
export async function fetchMemberships(api: GitHubApi, apiUrl: string, token: string): Promise<GitHubMemberships> {
  const withheld = new Set<number>();
  const [orgs, teams] = await Promise.all([
    listAll(api, apiUrl, '/user/orgs', token, withheld, (body) => Orgs.parse(body).map((o) => o.login.toLowerCase())),
    listAll(api, apiUrl, '/user/teams', token, withheld, (body) =>
      Teams.parse(body).map((t) => `${t.organization.login}/${t.slug}`.toLowerCase()),
    ),
  ]);
  return withheld.size === 0
    ? { orgs, teams }
    : { orgs, teams, ssoWithheldOrgIds: [...withheld].sort((a, b) => a - b) };
}

async function listAll(
  api: GitHubApi,
  apiUrl: string,
  path: string,
  token: string,
  withheld: Set<number>,
  read: (body: unknown) => string[],
): Promise<string[]> {
  const items: string[] = [];
  let next: string | undefined = `${path}?per_page=100`;
  for (let page = 0; next !== undefined && page < MAX_PAGES; page++) {
    const response = await api.send('GET', next, { token });
    throwUnlessOk(response, `GET ${path}`);
    try {
      items.push(...read(response.body));
    } catch (cause) {
      throw new BffError('github_unavailable', { detail: `unexpected ${path} body`, cause });
    }
    for (const id of ssoWithheldOrgIds(response.headers)) withheld.add(id);
    next = nextPage(response.headers.get('link'), apiUrl);
  }
  return items;
}

/** The path (and query) of `rel="next"` when it points into the API, else undefined. */
export function nextPage(link: string | null, apiUrl: string): string | undefined {
  if (link === null) return undefined;
  const api = new URL(apiUrl);
  for (const part of link.split(/,\s*(?=<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/s.exec(part);
    if (!match?.[1] || !/\brel="?next"?/i.test(match[2] ?? '') || !URL.canParse(match[1])) continue;
    const url = new URL(match[1]);
    const base = api.pathname.replace(/\/+$/, '');
    if (url.origin !== api.origin || !url.pathname.startsWith(`${base}/`)) return undefined;
    return `${url.pathname.slice(base.length)}${url.search}`;
  }
  return undefined;
}
