import type { ConfigInput } from './config-input.ts';
import { DEFAULT_GITHUB_PROXY_ALLOW, parseAllowPatterns } from './github-proxy-allow.ts';

/** The OAuth app's credentials, the access lists and the proxy allowlist. */
export function validateGitHub({ env, githubUrl, publicUrl, malformedTeams }: ConfigInput): string[] {
  const problems: string[] = [];
  if (!env.GITHUB_CLIENT_ID || !env.GITHUB_CLIENT_SECRET) {
    problems.push(
      'GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are required: register an OAuth app at ' +
        `${githubUrl}/settings/applications/new with the callback URL ${publicUrl}/auth/callback ` +
        '(or run `npm run dev` without them to use the local GitHub stand-in)',
    );
  }
  for (const team of malformedTeams) {
    problems.push(`GITHUB_ALLOWED_TEAMS: "${team}" is not org/team-slug (e.g. acme/core)`);
  }
  problems.push(...parseAllowPatterns(env.GITHUB_PROXY_ALLOW ?? DEFAULT_GITHUB_PROXY_ALLOW).problems);
  return problems;
}
