import type { SsoRequirement } from '../contract.ts';

/**
 * GitHub's answer when an organisation enforces SAML SSO and the token is not authorized for it:
 * 403 with `X-GitHub-SSO: required; url=<the page where the user authorizes it>`. Lists leave the
 * org out instead and say `X-GitHub-SSO: partial-results; organizations=<ids>`.
 * https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api#resource-protected-by-saml-enforcement
 */
export function ssoRequired(headers: Headers, org: string, githubUrl: string): SsoRequirement | undefined {
  const header = headers.get('x-github-sso');
  if (header === null || !/^\s*required\b/i.test(header)) return undefined;
  const url = /\burl=(\S+)/i.exec(header)?.[1];
  return { org, url: url === undefined ? null : trustedSsoUrl(url, githubUrl) };
}

/**
 * Security: the URL came from a response header; it is shown to the user as a link only when it
 * is GitHub's own SSO page (GITHUB_URL's scheme and host, a path under /orgs/), never reflected
 * unchecked. Anything else: null (the page then explains without a link).
 */
export function trustedSsoUrl(candidate: string, githubUrl: string): string | null {
  if (!URL.canParse(candidate)) return null;
  const url = new URL(candidate);
  const github = new URL(githubUrl);
  if (url.protocol !== github.protocol || url.host !== github.host) return null;
  if (url.username !== '' || url.password !== '' || !/^\/orgs\/[A-Za-z0-9_.-]+\/sso$/.test(url.pathname)) return null;
  return url.href;
}

/** The org ids a list left out (`partial-results; organizations=1,2`); empty when it left out none. */
export function ssoWithheldOrgIds(headers: Headers): number[] {
  const header = headers.get('x-github-sso');
  if (header === null || !/^\s*partial-results\b/i.test(header)) return [];
  const ids = /\borganizations=([\d,\s]+)/i.exec(header)?.[1] ?? '';
  return ids
    .split(',')
    .map((id) => Number(id.trim()))
    .filter((id) => Number.isSafeInteger(id) && id > 0);
}
