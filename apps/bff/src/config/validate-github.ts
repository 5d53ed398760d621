import type { ConfigInput } from './config-input.ts';
import { DEFAULT_GITHUB_PROXY_ALLOW, parseAllowPatterns } from './github-proxy-allow.ts';

/** Anyone who can guess the webhook secret can sign users out: no short ones. */
const MIN_WEBHOOK_SECRET_LENGTH = 20;

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
  const webhookSecret = env.GITHUB_WEBHOOK_SECRET;
  if (webhookSecret !== undefined && webhookSecret.length < MIN_WEBHOOK_SECRET_LENGTH) {
    problems.push(
      `GITHUB_WEBHOOK_SECRET must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters ` +
        '(GitHub signs deliveries with it; generate one with `openssl rand -hex 32`)',
    );
  }
  problems.push(...parseAllowPatterns(env.GITHUB_PROXY_ALLOW ?? DEFAULT_GITHUB_PROXY_ALLOW).problems);
  return problems;
}
